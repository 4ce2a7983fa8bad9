// Loudness of the decoded audio, frame by frame, read as a stream: a 3-hour s16le file is 345 MB,
// its levels (one float per 20 ms frame) are 2 MB. Silence detection and the "no speech" check
// work on these levels, never on the samples.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { SAMPLE_RATE } from './decode'

export const FRAME_SECONDS = 0.02
const SAMPLES_PER_FRAME = Math.round(SAMPLE_RATE * FRAME_SECONDS)
/** The dB of a frame of digital silence (log of 0 is -Infinity; a floor keeps arithmetic sane). */
const FLOOR_DB = -100

export interface PcmLevels {
  frameSeconds: number
  /** RMS level of each frame in dBFS (0 = full scale). */
  db: Float32Array
}

function rmsDb(sumSquares: number, samples: number): number {
  if (samples === 0 || sumSquares === 0) return FLOOR_DB
  const rms = Math.sqrt(sumSquares / samples) / 32768
  return Math.max(FLOOR_DB, 20 * Math.log10(rms))
}

/** Streams `pcmPath` (16 kHz mono s16le) once and returns its frame levels. */
export async function measurePcmLevels(pcmPath: string, signal?: AbortSignal): Promise<PcmLevels> {
  // Sized once from the file: a plain array of numbers holds 8 bytes a frame, grows by copying
  // and is copied again into the result (several MB of garbage for hours of audio).
  const frames = Math.ceil((await stat(pcmPath)).size / 2 / SAMPLES_PER_FRAME)
  const levels = new Float32Array(frames)
  let count = 0
  let sumSquares = 0
  let samples = 0
  let carry: Buffer | null = null
  const stream = createReadStream(pcmPath, { highWaterMark: 1 << 16, signal })
  for await (const piece of stream as AsyncIterable<Buffer>) {
    const data: Buffer = carry ? Buffer.concat([carry, piece]) : piece
    const usable = data.length - (data.length % 2)
    for (let offset = 0; offset < usable; offset += 2) {
      const sample = data.readInt16LE(offset)
      sumSquares += sample * sample
      if (++samples === SAMPLES_PER_FRAME) {
        if (count < frames) levels[count++] = rmsDb(sumSquares, samples)
        sumSquares = 0
        samples = 0
      }
    }
    carry = usable < data.length ? data.subarray(usable) : null
  }
  if (samples > 0 && count < frames) levels[count++] = rmsDb(sumSquares, samples)
  return { frameSeconds: FRAME_SECONDS, db: levels.subarray(0, count) }
}
