// The recording file: 16 kHz mono s16le audio appended to a WAV as it arrives (from the
// renderer's microphone or an ffmpeg capture), synced to disk about every second with its header
// brought up to date, so a crash of the host loses at most the last second or two. A file a crash
// left is repaired at the next start (`repairRecording`): its header is set from its length.
// A write the disk refuses (full, gone) ends the recording with that reason; what was written
// before stays, with a header that says how long it is.
import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { oneLineError } from '@shared/errors'
import { SAMPLE_RATE, wavHeader } from '../../media/decode'

export const WAV_HEADER_BYTES = 44
export const RECORDING_BYTES_PER_SECOND = SAMPLE_RATE * 2
/** How often what was appended reaches the disk (the most a crash of the host can lose). */
export const RECORDING_SYNC_MS = 1000

export class RecordingFile {
  private fd: number | null
  private dataBytes = 0
  /** Bytes appended but not yet synced. */
  private unsynced = 0
  private timer: NodeJS.Timeout | null = null
  /** Set when a write failed: the one line a user reads (the recording stopped for it). */
  failure: string | null = null
  /** A half sample left by an odd-sized frame, kept for the next one. */
  private carry: Buffer | null = null

  private constructor(
    readonly path: string,
    fd: number,
    private readonly onFailure: (reason: string) => void
  ) {
    this.fd = fd
  }

  /** Creates the file (refusing one that exists: a recording never overwrites anything). */
  static create(path: string, onFailure: (reason: string) => void = () => {}): RecordingFile {
    mkdirSync(dirname(path), { recursive: true })
    const fd = openSync(path, 'wx')
    const file = new RecordingFile(path, fd, onFailure)
    try {
      writeSync(fd, wavHeader(0), 0, WAV_HEADER_BYTES, 0)
      fdatasyncSync(fd)
    } catch (error) {
      closeSync(fd)
      throw error
    }
    file.timer = setInterval(() => file.sync(), RECORDING_SYNC_MS)
    file.timer.unref()
    return file
  }

  get seconds(): number {
    return this.dataBytes / RECORDING_BYTES_PER_SECOND
  }

  get open(): boolean {
    return this.fd !== null
  }

  /** Appends s16le samples; false once the recording has stopped (closed or a write failed). */
  append(pcm: Buffer): boolean {
    if (this.fd === null) return false
    let bytes = this.carry ? Buffer.concat([this.carry, pcm]) : pcm
    this.carry = null
    if (bytes.length % 2 === 1) {
      this.carry = bytes.subarray(bytes.length - 1)
      bytes = bytes.subarray(0, bytes.length - 1)
    }
    if (bytes.length === 0) return true
    try {
      let written = 0
      while (written < bytes.length) {
        written += writeSync(
          this.fd,
          bytes,
          written,
          bytes.length - written,
          WAV_HEADER_BYTES + this.dataBytes + written
        )
      }
      this.dataBytes += bytes.length
      this.unsynced += bytes.length
      return true
    } catch (error) {
      this.fail(error)
      return false
    }
  }

  /** Header up to date and everything appended on disk. */
  sync(): void {
    if (this.fd === null || this.unsynced === 0) return
    try {
      writeSync(this.fd, wavHeader(this.dataBytes), 0, WAV_HEADER_BYTES, 0)
      fdatasyncSync(this.fd)
      this.unsynced = 0
    } catch (error) {
      this.fail(error)
    }
  }

  /** Final header, synced, closed. Idempotent. Returns the recording's length in seconds. */
  close(): number {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    if (this.fd === null) return this.seconds
    this.unsynced = Math.max(this.unsynced, 1)
    this.sync()
    this.release()
    return this.seconds
  }

  /** A write failed: keep what is on disk (whole samples, header matching), then stop. */
  private fail(error: unknown): void {
    if (this.fd === null) return
    const code = (error as NodeJS.ErrnoException).code
    this.failure =
      code === 'ENOSPC'
        ? `the disk is full: recording stopped at ${this.seconds.toFixed(1)} s (kept)`
        : `recording stopped at ${this.seconds.toFixed(1)} s (kept): ${oneLineError(error)}`
    try {
      // A partial write may have left bytes past what was counted: drop them, fix the header.
      ftruncateSync(this.fd, WAV_HEADER_BYTES + this.dataBytes)
      writeSync(this.fd, wavHeader(this.dataBytes), 0, WAV_HEADER_BYTES, 0)
      fdatasyncSync(this.fd)
    } catch {
      // The next start repairs the header from the file's length (repairRecording).
    }
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.release()
    this.onFailure(this.failure)
  }

  private release(): void {
    if (this.fd === null) return
    try {
      closeSync(this.fd)
    } finally {
      this.fd = null
    }
  }
}

/**
 * A recording a crash left: its header is set from the file's length (whole samples only).
 * Returns its length in seconds; throws when the file is not a recording this app wrote.
 */
export function repairRecording(path: string): number {
  const fd = openSync(path, 'r+')
  try {
    const size = fstatSync(fd).size
    if (size < WAV_HEADER_BYTES) {
      ftruncateSync(fd, 0)
      writeSync(fd, wavHeader(0), 0, WAV_HEADER_BYTES, 0)
      fdatasyncSync(fd)
      return 0
    }
    const dataBytes = size - WAV_HEADER_BYTES - ((size - WAV_HEADER_BYTES) % 2)
    if (dataBytes + WAV_HEADER_BYTES !== size) ftruncateSync(fd, WAV_HEADER_BYTES + dataBytes)
    writeSync(fd, wavHeader(dataBytes), 0, WAV_HEADER_BYTES, 0)
    fdatasyncSync(fd)
    return dataBytes / RECORDING_BYTES_PER_SECOND
  } finally {
    closeSync(fd)
  }
}
