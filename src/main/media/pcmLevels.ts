// Loudness of the decoded audio, frame by frame, read as a stream: a 3-hour s16le file is 345 MB,
// its levels (one float per 20 ms frame) are 2 MB. Silence detection and the "no speech" check
// work on these levels, never on the samples.
import { open } from 'node:fs/promises'
import { endianness } from 'node:os'
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

/** Reads of 1 MB into one buffer, reused: a fresh buffer per read (what a read stream does) costs
 * page faults that made reading 9.5 MB take ~50 ms instead of ~5. */
const READ_BYTES = 1 << 20
const LITTLE_ENDIAN = endianness() === 'LE'

/** Frame sums carried from one read to the next (a frame may span two reads). */
interface FrameState {
  levels: Float32Array
  count: number
  sumSquares: number
  samples: number
}

/**
 * Adds `pcm`'s samples to the frames. Its own small function over a typed array so V8 optimises
 * it at once: per-sample `readInt16LE` in the read loop took ~130 ms for 5 minutes of audio at the
 * start of a job (cold code), this takes ~20 ms, all before the first chunk can start.
 */
function addSamples(pcm: Int16Array, f: FrameState): void {
  for (let i = 0; i < pcm.length; i++) {
    const sample = pcm[i]
    f.sumSquares += sample * sample
    if (++f.samples === SAMPLES_PER_FRAME) {
      if (f.count < f.levels.length) f.levels[f.count++] = rmsDb(f.sumSquares, f.samples)
      f.sumSquares = 0
      f.samples = 0
    }
  }
}

/** `bytes` (even) of `buffer` from its start as samples; a big-endian CPU gets a swapped copy. */
function samplesOf(buffer: Buffer, bytes: number): Int16Array {
  if (LITTLE_ENDIAN) return new Int16Array(buffer.buffer, buffer.byteOffset, bytes / 2)
  const samples = new Int16Array(bytes / 2)
  for (let i = 0; i < samples.length; i++) samples[i] = buffer.readInt16LE(i * 2)
  return samples
}

/** Frame levels of s16 samples already in memory. */
export function measureSampleLevels(samples: Int16Array): PcmLevels {
  const frames = Math.ceil(samples.length / SAMPLES_PER_FRAME)
  const f: FrameState = { levels: new Float32Array(frames), count: 0, sumSquares: 0, samples: 0 }
  addSamples(samples, f)
  if (f.samples > 0 && f.count < frames) f.levels[f.count++] = rmsDb(f.sumSquares, f.samples)
  return { frameSeconds: FRAME_SECONDS, db: f.levels.subarray(0, f.count) }
}

/**
 * The same levels from float samples (-1…1, as the speech detectors take them): the energy
 * detector (src/main/pipeline/energyDetector.ts) on a file's window.
 */
export function levelsOfSamples(samples: Float32Array): PcmLevels {
  const pcm = new Int16Array(samples.length)
  for (let i = 0; i < samples.length; i++)
    pcm[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768)))
  return measureSampleLevels(pcm)
}
/** Reads `pcmPath` (16 kHz mono s16le) once, start to end, and returns its frame levels. */
export async function measurePcmLevels(pcmPath: string, signal?: AbortSignal): Promise<PcmLevels> {
  const file = await open(pcmPath, 'r')
  try {
    // Sized once from the file: a plain array of numbers holds 8 bytes a frame, grows by copying
    // and is copied again into the result (several MB of garbage for hours of audio).
    const frames = Math.ceil((await file.stat()).size / 2 / SAMPLES_PER_FRAME)
    const f: FrameState = { levels: new Float32Array(frames), count: 0, sumSquares: 0, samples: 0 }
    // Its own memory, offset 0: aligned for an Int16Array view.
    const buffer = Buffer.allocUnsafeSlow(READ_BYTES)
    let held = 0 // an odd byte left from the previous read, kept at the buffer's start
    for (;;) {
      signal?.throwIfAborted()
      const { bytesRead } = await file.read(buffer, held, READ_BYTES - held, null)
      if (bytesRead === 0) break
      const filled = held + bytesRead
      const usable = filled - (filled % 2)
      addSamples(samplesOf(buffer, usable), f)
      held = filled - usable
      if (held > 0) buffer[0] = buffer[usable]
    }
    if (f.samples > 0 && f.count < frames) f.levels[f.count++] = rmsDb(f.sumSquares, f.samples)
    return { frameSeconds: FRAME_SECONDS, db: f.levels.subarray(0, f.count) }
  } finally {
    await file.close()
  }
}
