// Writes a response body into the (existing) .part from `have` on, through a write stream (its
// 1 MiB buffer goes out in one writev; the socket is paused while it is full; 4 MiB measured no
// faster and colder). Hashing is not done here: a FileHasher thread follows `onWritten`, told from
// the data handler and at the end rather than by a callback per chunk, so the receiving thread
// only receives and writes.
// Every byte counts against a size cap, so an endless body stops with one line.
import { createWriteStream } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { dirname } from 'node:path'
import { DiscardError, DownloadError, DroppedError } from './downloadError'
import { formatBytes } from '@shared/byteText'
import type { Meter } from './meter'
import type { SizeCap } from './sizeCap'

export interface BodyTarget {
  part: string
  have: number
  total: number | null
  cap: SizeCap
  signal: AbortSignal
  meter: Meter
  /** The file is on disk up to this many bytes. */
  onWritten: (bytes: number) => void
}

function writeError(err: NodeJS.ErrnoException, t: BodyTarget, at: number): DownloadError {
  if (err.code === 'ENOSPC')
    return new DiscardError(
      `disk full after ${formatBytes(at)} of ${t.total ? formatBytes(t.total) : 'the model'} in ${dirname(t.part)}; the partial download was removed`
    )
  return new DownloadError(`cannot write ${t.part}: ${err.message}`)
}

/** What ended a body early, as the download loop understands it. */
function readError(err: Error, t: BodyTarget, received: number): Error {
  if (t.signal.aborted) return new Error('cancelled')
  // A connection reset is the ordinary "dropped"; anything else (an idle timeout) says what.
  const reset = (err as NodeJS.ErrnoException).code === 'ECONNRESET' || err.message === 'aborted'
  return new DroppedError(received, t.total, reset ? undefined : err.message)
}

/** Resolves with the file's size once the whole body is on disk. */
export function streamBody(response: IncomingMessage, t: BodyTarget): Promise<number> {
  return new Promise((resolve, reject) => {
    // 'r+' at `have`: the .part exists (the hasher has it open) and is truncated to `have` first.
    const out = createWriteStream(t.part, { flags: 'r+', start: t.have, highWaterMark: 1 << 20 })
    let received = t.have
    let failed: Error | null = null
    const fail = (err: Error): void => {
      if (failed) return
      failed = err
      response.destroy()
      out.end()
    }
    const written = (): void => t.onWritten(t.have + out.bytesWritten)
    response.on('data', (chunk: Buffer) => {
      received += chunk.length
      if (received > t.cap.bytes)
        return fail(
          new DiscardError(
            `stopped at ${formatBytes(received)}: the server sent more than ${t.cap.reason}; the partial download was removed`
          )
        )
      t.meter.add(chunk.length)
      t.meter.emit(received, t.total, 'downloading')
      written()
      if (!out.write(chunk)) {
        response.pause()
        out.once('drain', () => response.resume())
      }
    })
    // 'aborted' comes before 'error': the reason a deadline destroyed the response with is in
    // `errored` already.
    response.on('aborted', () =>
      fail(readError(response.errored ?? new Error('aborted'), t, received))
    )
    response.on('error', (err) => fail(readError(err, t, received)))
    response.on('end', () => {
      if (t.total !== null && received < t.total) fail(new DroppedError(received, t.total))
      else out.end()
    })
    out.on('error', (err: NodeJS.ErrnoException) => fail(writeError(err, t, received)))
    out.on('finish', written)
    out.on('close', () => (failed ? reject(failed) : resolve(received)))
  })
}
