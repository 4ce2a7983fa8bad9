import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { measurePcmLevels } from '../../../src/main/media/pcmLevels'

const dir = mkdtempSync(join(tmpdir(), 'transcriptor-levels-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('measurePcmLevels', () => {
  it('one level per 20 ms frame, the last partial frame included', async () => {
    // 2.5 frames of 320 samples: a square wave at half scale, digital silence, half a frame at full scale.
    const samples = new Int16Array(800)
    for (let i = 0; i < 320; i++) samples[i] = i % 2 ? 16384 : -16384
    for (let i = 640; i < 800; i++) samples[i] = i % 2 ? 32767 : -32767
    const path = join(dir, 'three-frames.s16le')
    writeFileSync(path, Buffer.from(samples.buffer))
    const levels = await measurePcmLevels(path)
    expect(levels.frameSeconds).toBe(0.02)
    expect(Array.from(levels.db).map((db) => Math.round(db) + 0)).toEqual([-6, -100, 0])
  })

  it('frames that span two reads, and a stray odd byte at the end, are measured the same', async () => {
    // 1.5 MB: more than one 1 MB read, and 1 MB is not a whole number of 320-sample frames.
    const samples = new Int16Array(786_432)
    const amplitudeOf = (frame: number): number => ((frame % 50) + 1) * 500
    for (let i = 0; i < samples.length; i++) {
      const a = amplitudeOf(Math.floor(i / 320))
      samples[i] = i % 2 ? a : -a
    }
    const path = join(dir, 'long.s16le')
    writeFileSync(path, Buffer.concat([Buffer.from(samples.buffer), Buffer.from([0x7f])]))
    const levels = await measurePcmLevels(path)
    expect(levels.db).toHaveLength(Math.ceil(samples.length / 320))
    const expectedDb = (frame: number): number => 20 * Math.log10(amplitudeOf(frame) / 32768)
    for (const frame of [0, 1637, 1638, 1639, 2456, 2457]) {
      expect(levels.db[frame]).toBeCloseTo(expectedDb(frame), 3)
    }
  })

  it('an empty file has no frames', async () => {
    const path = join(dir, 'empty.s16le')
    writeFileSync(path, '')
    expect((await measurePcmLevels(path)).db).toHaveLength(0)
  })
})
