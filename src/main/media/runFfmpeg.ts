// One ffmpeg run to completion: stdout ignored, a bounded stderr tail kept for the error, killed
// when the job is cancelled. Decoding and FLAC encoding differ only in the arguments and the error.
import { spawn } from 'node:child_process'

/** How much of ffmpeg's stderr is kept: enough for its last lines, never a whole flood. */
const STDERR_TAIL_CHARS = 8192

/**
 * Resolves when ffmpeg exits 0. Rejects with 'cancelled' once `signal` aborts, with
 * `failure(stderrTail)` on any other exit code, or when ffmpeg cannot start.
 */
export function runFfmpeg(
  ffmpeg: string,
  args: string[],
  signal: AbortSignal,
  failure: (stderrTail: string) => Error
): Promise<void> {
  return new Promise<void>((done, fail) => {
    if (signal.aborted) return fail(new Error('cancelled'))
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    const onAbort = (): void => {
      child.kill('SIGKILL')
    }
    signal.addEventListener('abort', onAbort, { once: true })
    child.stderr.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString('utf8')).slice(-STDERR_TAIL_CHARS)
    })
    child.on('error', (err) => fail(new Error(`ffmpeg could not start: ${err.message}`)))
    child.on('close', (code) => {
      signal.removeEventListener('abort', onAbort)
      if (signal.aborted) fail(new Error('cancelled'))
      else if (code !== 0) fail(failure(stderr))
      else done()
    })
  })
}
