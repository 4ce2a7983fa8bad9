// `POST /upload?token=…&name=<file name>`: a browser has no file paths, so a dropped file is
// streamed into <dataDir>/uploads/<random>/<name> and the job is created from that path. An
// upload the disk cannot take is refused before a byte is written; a failed one (a disk that
// fills, a client that stops sending) is removed, and its one line answered or logged.
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { PassThrough, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { oneLineError } from '@shared/errors'
import { checkFreeSpace } from '../core/models/freeSpace'

export const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 ** 3

/** A page uploading from its own disk never pauses this long; a client that does has gone. */
export const DEFAULT_UPLOAD_IDLE_MS = 120_000

export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

/** The name as it will be stored, or an UploadError saying why it is refused. */
export function uploadFileName(name: string | null): string {
  if (!name) throw new UploadError(400, 'upload needs a file name (?name=…)')
  if (name.length > 255) throw new UploadError(400, 'file name is longer than 255 characters')
  if (/[/\\]/.test(name)) throw new UploadError(400, 'file name must not contain a path separator')
  if (name === '.' || name === '..') throw new UploadError(400, 'file name must not be . or ..')
  // Control characters and the characters Windows forbids become '_'; the name stays readable.
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim()
  if (!safe || /^\.+$/.test(safe)) throw new UploadError(400, 'file name is empty after cleaning')
  return safe
}

function byteLimit(limit: number): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length
      if (seen > limit) callback(new UploadError(413, `upload is larger than ${limit} bytes`))
      else callback(null, chunk)
    }
  })
}

export interface UploadLimits {
  maxBytes: number
  /**
   * A request that sends nothing for this long is dropped. There is no limit on the whole upload
   * (the server's requestTimeout is off): a slow upload that keeps sending is never cut.
   */
  idleMs: number
}

/**
 * The request body through a PassThrough, so that a failed write leaves the request alone: a
 * pipeline from `req` itself destroys it, and its socket, before the reason can be answered.
 */
function bodyOf(req: IncomingMessage, idleMs: number): PassThrough {
  const body = new PassThrough()
  const interrupted = (): void => {
    if (!req.complete) body.destroy(new UploadError(400, 'the upload was interrupted'))
  }
  req.once('error', interrupted)
  req.once('close', interrupted)
  req.setTimeout(idleMs, () => {
    const seconds = Math.round(idleMs / 100) / 10
    body.destroy(new UploadError(408, `upload stalled: nothing arrived for ${seconds} s`))
    req.destroy()
  })
  return req.pipe(body)
}

/** What is read and dropped of a refused body before the connection is cut. */
const DRAIN_LIMIT_BYTES = 4 * 1024 * 1024
const DRAIN_LIMIT_MS = 2_000

/**
 * Reads and drops the rest of a refused body, so the client gets to read the answer rather than
 * a reset; a client that goes on sending past the limits is cut off.
 */
function drainBriefly(req: IncomingMessage): void {
  let left = DRAIN_LIMIT_BYTES
  const cut = setTimeout(() => req.destroy(), DRAIN_LIMIT_MS).unref()
  req.on('data', (chunk: Buffer) => {
    left -= chunk.length
    if (left < 0) req.destroy()
  })
  req.once('close', () => clearTimeout(cut))
  req.resume()
}

/** A failure while storing, as the one line the client gets. */
function storeFailure(error: unknown, dir: string): UploadError {
  if (error instanceof UploadError) return error
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new UploadError(507, `upload stopped: the disk of ${dir} is full`)
  return new UploadError(400, `upload failed: ${oneLineError(error)}`)
}

/** Refuses, before a byte is written, an upload the disk cannot take while keeping its margin. */
async function checkRoom(uploadsDir: string, declared: number): Promise<void> {
  try {
    await mkdir(uploadsDir, { recursive: true })
    checkFreeSpace(uploadsDir, declared)
  } catch (error) {
    throw new UploadError(507, `upload refused: ${oneLineError(error)}`)
  }
}

/** Streams the request body to disk; returns the absolute path of the stored file. */
export async function receiveUpload(
  req: IncomingMessage,
  uploadsDir: string,
  rawName: string | null,
  limits: UploadLimits
): Promise<string> {
  const name = uploadFileName(rawName)
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    throw new UploadError(413, `upload is larger than ${limits.maxBytes} bytes`)
  }
  if (Number.isFinite(declared)) await checkRoom(uploadsDir, declared)
  const dir = join(uploadsDir, randomBytes(8).toString('hex'))
  const target = join(dir, name)
  try {
    await mkdir(dir, { recursive: true })
    const file = createWriteStream(target, { flags: 'wx' })
    await pipeline(bodyOf(req, limits.idleMs), byteLimit(limits.maxBytes), file)
    return target
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    drainBriefly(req)
    const failure = storeFailure(error, uploadsDir)
    throw new UploadError(failure.status, `${failure.message}; the partial upload was removed`)
  } finally {
    req.setTimeout(0)
  }
}
