// Writes a reply's body into the (existing) .part from `have` on: the connection's read buffers
// go to the disk as they are (partWriter), with no copy between the socket and the file. Hashing
// is not done here: the same bytes go to a BodyHasher thread (`hash`), so the receiving thread
// only receives and writes. A read buffer is reused once its bytes are both written and hashed.
// Every byte counts against a size cap, so an endless body stops with one line.
import { dirname } from 'node:path'
import { DiscardError, DownloadError, DroppedError } from './downloadError'
import { formatBytes } from '@shared/byteText'
import type { Meter } from './meter'
import { PartWriter } from './partWriter'
import type { Reply } from './replyConnection'
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
  /** Takes the body's bytes in order; `release` once they are hashed. */
  hash: (bytes: Buffer, release: () => void) => void
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
  if (err instanceof DownloadError) return err // a size cap, a write error, a malformed body
  // A connection reset is the ordinary "dropped"; anything else (an idle timeout) says what.
  const reset = (err as NodeJS.ErrnoException).code === 'ECONNRESET' || err.message === 'aborted'
  return new DroppedError(received, t.total, reset ? undefined : err.message)
}

/** `release` on the second call: once the bytes are written and once they are hashed. */
function afterBoth(release: () => void): () => void {
  let calls = 0
  return () => {
    if (++calls === 2) release()
  }
}

/** Resolves with the file's size once the whole body is on disk. */
export async function streamBody(reply: Reply, t: BodyTarget): Promise<number> {
  let received = t.have
  let writer: PartWriter
  try {
    writer = await PartWriter.open(t.part, t.have, t.onWritten, (err) =>
      reply.stop(writeError(err, t, received))
    )
  } catch (err) {
    reply.discard()
    throw writeError(err as NodeJS.ErrnoException, t, received)
  }
  try {
    await reply.read((bytes, release) => {
      received += bytes.length
      if (received > t.cap.bytes)
        throw new DiscardError(
          `stopped at ${formatBytes(received)}: the server sent more than ${t.cap.reason}; the partial download was removed`
        )
      t.meter.add(bytes.length)
      t.meter.emit(received, t.total, 'downloading')
      const done = afterBoth(release)
      t.hash(bytes, done)
      writer.push(bytes, done)
    })
  } catch (err) {
    await writer.finish() // what arrived is written, so a resume continues after it
    throw readError(err as Error, t, received)
  }
  await writer.finish()
  if (writer.error) throw writeError(writer.error, t, received)
  if (t.total !== null && received < t.total) throw new DroppedError(received, t.total)
  return received
}
