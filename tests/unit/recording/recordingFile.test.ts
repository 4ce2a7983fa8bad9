// The recording file as a user relies on it: what was appended is in a WAV whose header says how
// long it is; a file a crash left (header stale) is repaired to its full length; a full disk
// stops the recording with a reason and keeps what was written.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  RECORDING_BYTES_PER_SECOND,
  RecordingFile,
  WAV_HEADER_BYTES,
  repairRecording
} from '../../../src/main/core/recording/recordingFile'
import { mountSmallDisk, whyNoFullDisk } from '../../support/fullDisk'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'recording-file-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A tone of `seconds` as s16le, in frames of 20 ms (what the recorder receives). */
function toneFrames(seconds: number, from = 0): Buffer[] {
  const frames: Buffer[] = []
  const perFrame = 320
  const total = Math.round(seconds * 16_000)
  for (let offset = 0; offset < total; offset += perFrame) {
    const frame = Buffer.alloc(Math.min(perFrame, total - offset) * 2)
    for (let i = 0; i < frame.length / 2; i++)
      frame.writeInt16LE(Math.round(8000 * Math.sin((from + offset + i) / 7)), i * 2)
    frames.push(frame)
  }
  return frames
}

function header(path: string): { riff: number; data: number; size: number; tag: string } {
  const bytes = readFileSync(path)
  return {
    tag: bytes.toString('ascii', 0, 4) + bytes.toString('ascii', 8, 12),
    riff: bytes.readUInt32LE(4),
    data: bytes.readUInt32LE(40),
    size: bytes.length
  }
}

describe('recording file', () => {
  it('holds every appended sample, with a header that says so once closed', () => {
    const path = join(tempDir(), 'rec', 'job-1.wav')
    const file = RecordingFile.create(path)
    const frames = toneFrames(2.5)
    for (const frame of frames) expect(file.append(frame)).toBe(true)
    expect(file.close()).toBeCloseTo(2.5, 5)
    const h = header(path)
    expect(h.tag).toBe('RIFFWAVE')
    expect(h.data).toBe(2.5 * RECORDING_BYTES_PER_SECOND)
    expect(h.riff).toBe(h.size - 8)
    expect(readFileSync(path).subarray(WAV_HEADER_BYTES)).toEqual(Buffer.concat(frames))
    expect(file.append(frames[0])).toBe(false)
  })

  it('keeps a half sample of an odd frame for the next one', () => {
    const path = join(tempDir(), 'odd.wav')
    const file = RecordingFile.create(path)
    const whole = Buffer.concat(toneFrames(0.1))
    file.append(whole.subarray(0, 101))
    file.append(whole.subarray(101))
    file.close()
    expect(readFileSync(path).subarray(WAV_HEADER_BYTES)).toEqual(whole)
  })

  it('never overwrites an existing file', () => {
    const path = join(tempDir(), 'taken.wav')
    RecordingFile.create(path).close()
    expect(() => RecordingFile.create(path)).toThrow(/EEXIST/)
  })

  it('repairs the header of a file a crash left, to its full length', () => {
    const path = join(tempDir(), 'crashed.wav')
    const file = RecordingFile.create(path)
    for (const frame of toneFrames(3)) file.append(frame)
    // Never closed nor synced (the host died): the header still says 0 bytes of audio.
    expect(header(path).data).toBe(0)
    expect(repairRecording(path)).toBeCloseTo(3, 5)
    const h = header(path)
    expect(h.data).toBe(3 * RECORDING_BYTES_PER_SECOND)
    expect(h.riff).toBe(h.size - 8)
    file.close()
  })

  it('stops on a full disk with the reason, keeping what was written', (ctx) => {
    const why = whyNoFullDisk()
    if (why) return ctx.skip(why)
    const disk = mountSmallDisk(1)
    try {
      const reasons: string[] = []
      const path = join(disk.dir, 'full.wav')
      const file = RecordingFile.create(path, (reason) => reasons.push(reason))
      const before = toneFrames(1)
      for (const frame of before) expect(file.append(frame)).toBe(true)
      disk.fill()
      let accepted = true
      for (const frame of toneFrames(60, 16_000)) if (!(accepted = file.append(frame))) break
      expect(accepted).toBe(false)
      expect(reasons).toHaveLength(1)
      expect(reasons[0]).toMatch(/^the disk is full: recording stopped at \d+\.\d s \(kept\)$/)
      expect(file.open).toBe(false)
      expect(existsSync(path)).toBe(true)
      const h = header(path)
      expect(h.data).toBe(h.size - WAV_HEADER_BYTES)
      expect(readFileSync(path).subarray(WAV_HEADER_BYTES, WAV_HEADER_BYTES + 32_000)).toEqual(
        Buffer.concat(before)
      )
    } finally {
      disk.unmount()
    }
  })
})
