// Compresses a chunk to FLAC before it is uploaded to a remote endpoint: lossless, so the server
// hears exactly what a local engine would, at roughly half the bytes of 16-bit PCM.
import { spawn } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { meaningfulTail } from '../os/meaningfulTail'

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
  await new Promise<void>((done, fail) => {
    if (signal.aborted) return fail(new Error('cancelled'))
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    const onAbort = (): void => {
      child.kill('SIGKILL')
    }
    signal.addEventListener('abort', onAbort, { once: true })
    child.stderr.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString('utf8')).slice(-8192)
    })
    child.on('error', (err) => fail(new Error(`ffmpeg could not start: ${err.message}`)))
    child.on('close', (code) => {
      signal.removeEventListener('abort', onAbort)
      if (signal.aborted) fail(new Error('cancelled'))
      else if (code !== 0)
        fail(new Error(`ffmpeg could not encode FLAC: ${meaningfulTail(stderr)}`))
      else done()
    })
  })
  const [flac, wav] = await Promise.all([stat(flacPath), stat(wavPath)])
  return { path: flacPath, bytes: flac.size, originalBytes: wav.size }
}
