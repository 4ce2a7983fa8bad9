// `POST /upload?token=…&name=<file name>`: a browser has no file paths, so a dropped file is
// streamed into <dataDir>/uploads/<random>/<name> and the job is created from that path.
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { oneLineError } from '@shared/errors'

export const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 ** 3

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

/** Streams the request body to disk; returns the absolute path of the stored file. */
export async function receiveUpload(
  req: IncomingMessage,
  uploadsDir: string,
  rawName: string | null,
  maxBytes: number
): Promise<string> {
  const name = uploadFileName(rawName)
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new UploadError(413, `upload is larger than ${maxBytes} bytes`)
  }
  const dir = join(uploadsDir, randomBytes(8).toString('hex'))
  await mkdir(dir, { recursive: true })
  const target = join(dir, name)
  try {
    await pipeline(req, byteLimit(maxBytes), createWriteStream(target, { flags: 'wx' }))
    return target
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    if (error instanceof UploadError) throw error
    throw new UploadError(400, `upload failed: ${oneLineError(error)}`)
  }
}
