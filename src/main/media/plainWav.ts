// A WAV file already in the decoded format (PCM, 16 kHz, mono, 16-bit) needs neither ffprobe nor
// ffmpeg: its header says all the probe would, and its data chunk is, byte for byte, what ffmpeg
// would write (decode.ts). Both tools start in about 0.14 s each here, one after the other, before
// the first chunk can start; whisper-cli reads such a file directly too. Anything else — another
// rate or format, a streaming header (sizes 0 or 0xFFFFFFFF), a data chunk cut short — returns
// null and goes through ffprobe and ffmpeg as every other input does.
import { open } from 'node:fs/promises'
import { createReadStream, createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { SAMPLE_RATE, type DecodedAudio } from './decode'
import type { MediaProbe } from './mediaProbe'

const HEADER_BYTES = 4096
const PCM = 1

export interface PlainWav {
  probe: MediaProbe
  /** Where the samples start in the file, and how many bytes of them there are. */
  dataOffset: number
  dataBytes: number
}

interface Format {
  tag: number
  channels: number
  rate: number
  bits: number
}

/** The data chunk of a plain 16 kHz mono s16 WAV, from its first bytes; null for anything else. */
export function plainWavData(
  head: Buffer,
  fileBytes: number
): { dataOffset: number; dataBytes: number } | null {
  if (head.length < 12 || head.toString('ascii', 0, 4) !== 'RIFF') return null
  if (head.toString('ascii', 8, 12) !== 'WAVE') return null
  let format: Format | null = null
  for (let offset = 12; offset + 8 <= head.length;) {
    const id = head.toString('ascii', offset, offset + 4)
    const size = head.readUInt32LE(offset + 4)
    if (id === 'fmt ' && size >= 16 && offset + 24 <= head.length)
      format = {
        tag: head.readUInt16LE(offset + 8),
        channels: head.readUInt16LE(offset + 10),
        rate: head.readUInt32LE(offset + 12),
        bits: head.readUInt16LE(offset + 22)
      }
    if (id === 'data') {
      const plain = format?.tag === PCM && format.channels === 1 && format.bits === 16
      if (!plain || format?.rate !== SAMPLE_RATE) return null
      const dataOffset = offset + 8
      const whole = size > 0 && size % 2 === 0 && dataOffset + size <= fileBytes
      return whole ? { dataOffset, dataBytes: size } : null
    }
    offset += 8 + size + (size % 2)
  }
  return null
}

/** The input as a plain WAV with its probe, or null when it needs ffprobe and ffmpeg. */
export async function readPlainWav(path: string): Promise<PlainWav | null> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    const head = Buffer.alloc(HEADER_BYTES)
    const { bytesRead } = await handle.read(head, 0, HEADER_BYTES, 0)
    const data = plainWavData(head.subarray(0, bytesRead), size)
    if (!data) return null
    const seconds = data.dataBytes / 2 / SAMPLE_RATE
    const probe: MediaProbe = {
      durationSeconds: seconds,
      audioCodec: 'pcm_s16le',
      hasAudio: true,
      hasVideo: false,
      audioClaimSeconds: seconds
    }
    return { probe, ...data }
  } finally {
    await handle.close()
  }
}

/** The WAV's samples copied where decodeToPcm would have written them. */
export async function copyPlainWav(
  path: string,
  wav: PlainWav,
  tempDir: string,
  signal: AbortSignal
): Promise<DecodedAudio> {
  const pcmPath = join(tempDir, 'audio.s16le')
  const end = wav.dataOffset + wav.dataBytes - 1
  await pipeline(
    createReadStream(path, { start: wav.dataOffset, end }),
    createWriteStream(pcmPath),
    { signal }
  )
  return { pcmPath, durationSeconds: wav.dataBytes / 2 / SAMPLE_RATE }
}
