// Decoding and cutting: ffmpeg decodes the whole input once to raw 16 kHz mono 16-bit PCM in the
// job's temp dir; chunks are then cut from that file by byte range (no further ffmpeg runs) and
// written as WAV files, which every engine reads.
import { open, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { meaningfulTail } from '../os/meaningfulTail'
import { BadInputError } from './mediaProbe'
import { runFfmpeg } from './runFfmpeg'

export const SAMPLE_RATE = 16_000
const BYTES_PER_SECOND = SAMPLE_RATE * 2

/** A numbered stretch of the decoded audio, in seconds. */
export interface AudioSpan {
  index: number
  start: number
  end: number
}

export interface DecodedAudio {
  pcmPath: string
  durationSeconds: number
}

/** How often a running decode reports how far it got (often enough for a moving percentage). */
export const DECODE_PROGRESS_EVERY_MS = 500

export interface DecodeOptions {
  /** Called every `progressEveryMs` while ffmpeg runs, with the seconds decoded so far. */
  onProgress?: (decodedSeconds: number) => void
  progressEveryMs?: number
  /** Only this stretch of the input, in seconds ("Transcribe again" of a passage). */
  passage?: { from: number; to: number }
}

export async function decodeToPcm(
  ffmpeg: string,
  inputPath: string,
  tempDir: string,
  signal: AbortSignal,
  o: DecodeOptions = {}
): Promise<DecodedAudio> {
  const pcmPath = join(tempDir, 'audio.s16le')
  const args = [
    '-nostdin', '-hide_banner', '-loglevel', 'error', '-y',
    ...(o.passage ? ['-ss', String(o.passage.from), '-t', String(o.passage.to - o.passage.from)] : []),
    '-i', resolve(inputPath),
    '-map', '0:a:0', '-vn', '-ac', '1', '-ar', String(SAMPLE_RATE),
    '-f', 's16le', '-acodec', 'pcm_s16le', pcmPath
  ] // prettier-ignore
  const { onProgress, progressEveryMs = DECODE_PROGRESS_EVERY_MS } = o
  let finished = false
  // The size of what ffmpeg has written is how far it got: no progress protocol to parse.
  const progress = onProgress
    ? setInterval(() => {
        stat(pcmPath).then(
          (s) => finished || onProgress(Math.floor(s.size / 2) / SAMPLE_RATE),
          () => undefined // not created yet
        )
      }, progressEveryMs)
    : undefined
  try {
    await runFfmpeg(
      ffmpeg,
      args,
      signal,
      (stderr) =>
        new BadInputError(`ffmpeg could not decode the audio: ${meaningfulTail(stderr, 1)}`)
    )
  } finally {
    finished = true
    clearInterval(progress)
  }
  const bytes = (await stat(pcmPath)).size
  return { pcmPath, durationSeconds: Math.floor(bytes / 2) / SAMPLE_RATE }
}

export function wavHeader(dataBytes: number): Buffer {
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + dataBytes, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(16, 16) // fmt chunk size
  header.writeUInt16LE(1, 20) // PCM
  header.writeUInt16LE(1, 22) // mono
  header.writeUInt32LE(SAMPLE_RATE, 24)
  header.writeUInt32LE(BYTES_PER_SECOND, 28)
  header.writeUInt16LE(2, 32) // block align
  header.writeUInt16LE(16, 34) // bits per sample
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(dataBytes, 40)
  return header
}

/** Writes `chunk_<index>.wav` for the chunk's time range; returns its path. */
export async function writeChunkWav(
  pcmPath: string,
  chunk: AudioSpan,
  tempDir: string
): Promise<string> {
  const startByte = Math.floor(chunk.start * SAMPLE_RATE) * 2
  const endByte = Math.floor(chunk.end * SAMPLE_RATE) * 2
  const data = Buffer.alloc(Math.max(0, endByte - startByte))
  const handle = await open(pcmPath, 'r')
  try {
    await handle.read(data, 0, data.length, startByte)
  } finally {
    await handle.close()
  }
  const wavPath = join(tempDir, `chunk_${String(chunk.index).padStart(5, '0')}.wav`)
  await writeFile(wavPath, Buffer.concat([wavHeader(data.length), data]))
  return wavPath
}
