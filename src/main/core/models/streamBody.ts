// Writes a response body into the (existing) .part from `have` on: socket chunks (~64 KiB) are gathered
// and written with one writev per WRITE_BATCH bytes while the next batch fills (the hot path is
// receive + memcpy-free gather; hashing runs on a FileHasher thread that follows `onWritten`).
// Every byte counts against a size cap, so an endless body stops with one line.
import { open } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { dirname } from 'node:path'
import { DiscardError, DownloadError, DroppedError } from './downloadError'
import { formatBytes } from './freeSpace'
import type { Meter } from './meter'
import type { SizeCap } from './sizeCap'

const WRITE_BATCH = 4 * 1024 * 1024
/** A slow download still reaches the disk this often, so a crash loses little of it. */
const FLUSH_EVERY_MS = 1000

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

class WriteFailure extends Error {
  constructor(readonly failure: NodeJS.ErrnoException) {
    super(failure.message)
  }
}

function writeError(err: NodeJS.ErrnoException, t: BodyTarget, at: number): DownloadError {
  if (err.code === 'ENOSPC')
    return new DiscardError(
      `disk full after ${formatBytes(at)} of ${t.total ? formatBytes(t.total) : 'the model'} in ${dirname(t.part)}; the partial download was removed`
    )
  return new DownloadError(`cannot write ${t.part}: ${err.message}`)
}

/** Resolves with the file's size once the whole body is on disk. */
export async function streamBody(response: IncomingMessage, t: BodyTarget): Promise<number> {
  const file = await open(t.part, 'r+')
  let position = t.have
  const write = async (chunks: Buffer[], bytes: number): Promise<void> => {
    const { bytesWritten } = await file.writev(chunks, position).catch((err: Error) => {
      throw new WriteFailure(err)
    })
    position += bytesWritten
    if (bytesWritten < bytes)
      throw new WriteFailure(Object.assign(new Error('short write'), { code: 'ENOSPC' }))
    t.onWritten(position)
  }
  let received = t.have
  let batch: Buffer[] = []
  let batchBytes = 0
  let inFlight: Promise<void> = Promise.resolve()
  let lastWriteAt = Date.now()
  const writeBatch = (): void => {
    if (batchBytes === 0) return
    const chunks = batch
    const bytes = batchBytes
    batch = []
    batchBytes = 0
    lastWriteAt = Date.now()
    inFlight = inFlight.then(() => write(chunks, bytes))
    inFlight.catch(() => undefined) // awaited later, or reported by the catch below
  }
  try {
    await file.truncate(t.have)
    for await (const chunk of response as AsyncIterable<Buffer>) {
      received += chunk.length
      if (received > t.cap.bytes)
        throw new DiscardError(
          `stopped at ${formatBytes(received)}: the server sent more than ${t.cap.reason}; the partial download was removed`
        )
      batch.push(chunk)
      batchBytes += chunk.length
      t.meter.add(chunk.length)
      t.meter.emit(received, t.total, 'downloading')
      if (batchBytes < WRITE_BATCH && Date.now() - lastWriteAt < FLUSH_EVERY_MS) continue
      await inFlight // one write in flight while the next batch fills
      writeBatch()
    }
    writeBatch()
    await inFlight
    if (t.total !== null && received < t.total) throw new DroppedError(received, t.total)
    return received
  } catch (err) {
    response.destroy()
    // What arrived before a cancel or a drop is good: keep it for the resume.
    if (!(err instanceof DownloadError) && !(err instanceof WriteFailure)) writeBatch()
    await inFlight.catch(() => undefined)
    if (t.signal.aborted) throw new Error('cancelled')
    if (err instanceof WriteFailure) throw writeError(err.failure, t, received)
    if (err instanceof DownloadError || err instanceof DroppedError) throw err
    // A connection reset is the ordinary "dropped"; anything else (an idle timeout) says what.
    const reset = (err as NodeJS.ErrnoException).code === 'ECONNRESET'
    throw new DroppedError(received, t.total, reset ? undefined : (err as Error).message)
  } finally {
    await file.close()
  }
}
