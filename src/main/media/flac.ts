// Compresses a chunk to FLAC before it is uploaded to an endpoint: lossless, so the server
// hears exactly what a local engine would, at roughly half the bytes of 16-bit PCM.
import { stat } from 'node:fs/promises'
import { meaningfulTail } from '../os/meaningfulTail'
import { runFfmpeg } from './runFfmpeg'

export interface Compressed {
  path: string
  bytes: number
  originalBytes: number
}

export async function encodeFlac(
  ffmpeg: string,
  wavPath: string,
  flacPath: string,
  signal: AbortSignal
): Promise<Compressed> {
  const args = [
    '-nostdin',
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    wavPath,
    '-c:a',
    'flac',
    flacPath
  ]
  await runFfmpeg(
    ffmpeg,
    args,
    signal,
    (stderr) => new Error(`ffmpeg could not encode FLAC: ${meaningfulTail(stderr)}`)
  )
  const [flac, wav] = await Promise.all([stat(flacPath), stat(wavPath)])
  return { path: flacPath, bytes: flac.size, originalBytes: wav.size }
}
