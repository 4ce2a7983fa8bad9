// Following a recording while the host writes it (core/recording/recordingFile.ts): the samples
// appended since the last read, and whether the recording has ended. The host says it has by
// writing a marker beside the file once its last sample and final header are on disk, so a
// reader that sees the marker first and then reads to the end has every sample.
import { access, open } from 'node:fs/promises'

const HEADER_BYTES = 44

/** The file the host creates beside a recording once it has ended. */
export function recordingEndedMarker(recordingPath: string): string {
  return `${recordingPath}.ended`
}

export class GrowingWav {
  /** Bytes of audio read so far (after the header). */
  private consumed = 0

  constructor(readonly path: string) {}

  get seconds(): number {
    return this.consumed / 2 / 16_000
  }

  /** Whether the host has ended the recording (check before the last read). */
  ended(): Promise<boolean> {
    return access(recordingEndedMarker(this.path)).then(
      () => true,
      () => false
    )
  }

  /** The whole samples appended since the last call (none yet: an empty array). */
  async readNew(): Promise<Int16Array> {
    const file = await open(this.path, 'r')
    try {
      const size = (await file.stat()).size
      const fresh = Math.max(0, size - HEADER_BYTES - this.consumed)
      const bytes = fresh - (fresh % 2)
      if (bytes === 0) return new Int16Array(0)
      const buffer = Buffer.allocUnsafeSlow(bytes)
      const { bytesRead } = await file.read(buffer, 0, bytes, HEADER_BYTES + this.consumed)
      const whole = bytesRead - (bytesRead % 2)
      this.consumed += whole
      const samples = new Int16Array(whole / 2)
      for (let i = 0; i < samples.length; i++) samples[i] = buffer.readInt16LE(i * 2)
      return samples
    } finally {
      await file.close()
    }
  }
}
