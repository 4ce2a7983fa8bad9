// Downloads one model file the way apt and npm do: into `<dest>.part`, resuming with HTTP Range
// after a dropped connection or a restart, then SHA-1 check, then an atomic rename. A sidecar
// `<dest>.part.json` remembers which URL and size the .part belongs to, so a .part from another
// URL or of another size is restarted, never appended to. Every failure is one line and leaves
// no file that looks like a usable model.
import { createHash, type Hash } from 'node:crypto'
import { createReadStream, createWriteStream, promises as fs, statfsSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { dirname } from 'node:path'
import { formatBytes } from '@shared/byteText'
import type { DownloadProgress } from '@shared/models'
import { getResponse } from './httpGet'

export interface DownloadRequest {
  name: string
  url: string
  dest: string
  /** Lowercase hex; null = not verified (a URL pull without --sha1 is refused earlier). */
  sha1: string | null
  /** From the catalog, for the free-space check before the server says. */
  approxBytes?: number
  signal: AbortSignal
  onProgress: (p: DownloadProgress) => void
  /** Attempts after a dropped connection before giving up (the .part stays for later). */
  retries?: number
}

interface PartMeta {
  url: string
  totalBytes: number | null
}

export class DownloadError extends Error {}

const PROGRESS_EVERY_MS = 200
/** Room left beyond the file itself, so a download never fills the disk to the last byte. */
const FREE_SPACE_MARGIN = 64 * 1024 * 1024

const partPath = (dest: string): string => `${dest}.part`
const metaPath = (dest: string): string => `${dest}.part.json`

async function readMeta(dest: string): Promise<PartMeta | null> {
  try {
    return JSON.parse(await fs.readFile(metaPath(dest), 'utf8')) as PartMeta
  } catch {
    return null
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await fs.stat(path)).size
  } catch {
    return 0
  }
}

export async function removePart(dest: string): Promise<void> {
  await fs.rm(partPath(dest), { force: true })
  await fs.rm(metaPath(dest), { force: true })
}

export function checkFreeSpace(dir: string, needBytes: number): void {
  let free: number
  try {
    const s = statfsSync(dir)
    free = Number(s.bavail) * Number(s.bsize)
  } catch {
    return // cannot tell (e.g. a platform without statfs): let the write fail if it must
  }
  if (free < needBytes + FREE_SPACE_MARGIN)
    throw new DownloadError(
      `not enough free space in ${dir}: need ${formatBytes(needBytes)} plus ${formatBytes(FREE_SPACE_MARGIN)}, ${formatBytes(free)} free`
    )
}

/** Hashes what a previous attempt already wrote, so the SHA-1 covers the whole file. */
async function hashExisting(path: string, bytes: number, hash: Hash): Promise<void> {
  if (bytes === 0) return
  await new Promise<void>((resolve, reject) => {
    createReadStream(path, { start: 0, end: bytes - 1 })
      .on('data', (b) => hash.update(b))
      .on('end', resolve)
      .on('error', reject)
  })
}

/** "bytes 100-199/1000" → 1000 */
function totalFromContentRange(value: string | undefined): number | null {
  const m = /\/(\d+)\s*$/.exec(value ?? '')
  return m ? Number(m[1]) : null
}

class Meter {
  private lastEmit = 0
  private windowStart = Date.now()
  private windowBytes = 0
  private rate = 0

  constructor(
    private readonly name: string,
    private readonly onProgress: (p: DownloadProgress) => void
  ) {}

  add(bytes: number): void {
    this.windowBytes += bytes
    const now = Date.now()
    if (now - this.windowStart >= 500) {
      const instant = (this.windowBytes * 1000) / (now - this.windowStart)
      this.rate = this.rate === 0 ? instant : this.rate * 0.6 + instant * 0.4
      this.windowStart = now
      this.windowBytes = 0
    }
  }

  emit(
    received: number,
    total: number | null,
    state: DownloadProgress['state'],
    force = false,
    error: string | null = null
  ): void {
    const now = Date.now()
    if (!force && now - this.lastEmit < PROGRESS_EVERY_MS) return
    this.lastEmit = now
    const eta =
      total !== null && this.rate > 0
        ? Math.max(0, Math.round((total - received) / this.rate))
        : null
    this.onProgress({
      name: this.name,
      receivedBytes: received,
      totalBytes: total,
      bytesPerSecond: Math.round(this.rate),
      etaSeconds: state === 'downloading' ? eta : null,
      state,
      error
    })
  }
}

function httpFailure(response: IncomingMessage, url: string): DownloadError {
  response.resume()
  return new DownloadError(
    `download failed: HTTP ${response.statusCode} ${response.statusMessage ?? ''}`.trimEnd() +
      ` for ${url}`
  )
}

/** One attempt: from the .part's end to the end of the file. Resolves with the total size. */
async function attempt(r: DownloadRequest, meter: Meter, hash: Hash): Promise<number> {
  const part = partPath(r.dest)
  const meta = await readMeta(r.dest)
  let have = await sizeOf(part)
  if (have > 0 && (!meta || meta.url !== r.url)) {
    await removePart(r.dest) // someone else's .part: start over
    have = 0
  }
  const response = await getResponse(r.url, have > 0 ? { range: `bytes=${have}-` } : {}, r.signal)
  const status = response.statusCode ?? 0
  let total: number | null
  if (status === 206 && have > 0) {
    total = totalFromContentRange(response.headers['content-range'])
    if (meta?.totalBytes != null && total !== meta.totalBytes) {
      // The file on the server changed size: what we have belongs to another file.
      response.resume()
      await removePart(r.dest)
      throw new RestartError()
    }
  } else if (status === 416 && have > 0 && meta?.totalBytes === have) {
    response.resume()
    await hashExisting(part, have, hash)
    return have // the .part is already complete
  } else if (status === 200) {
    have = 0 // no Range support (or a fresh start): take it from the beginning
    const length = Number(response.headers['content-length'])
    total = Number.isFinite(length) && length > 0 ? length : null
  } else {
    if (status === 416) await removePart(r.dest)
    throw httpFailure(response, r.url)
  }
  if (total !== null && meta?.totalBytes != null && meta.totalBytes !== total && have > 0) {
    response.resume()
    await removePart(r.dest)
    throw new RestartError()
  }
  checkFreeSpace(dirname(r.dest), (total ?? r.approxBytes ?? 0) - have)
  await fs.writeFile(
    metaPath(r.dest),
    JSON.stringify({ url: r.url, totalBytes: total } satisfies PartMeta)
  )
  await hashExisting(part, have, hash)
  return await streamBody(response, part, have, total, r, meter, hash)
}

class RestartError extends Error {}

function streamBody(
  response: IncomingMessage,
  part: string,
  have: number,
  total: number | null,
  r: DownloadRequest,
  meter: Meter,
  hash: Hash
): Promise<number> {
  return new Promise((resolve, reject) => {
    // Large buffered writes: the default 16 KiB would mean thousands of syscalls per model.
    const out = createWriteStream(part, { flags: have > 0 ? 'a' : 'w', highWaterMark: 1 << 20 })
    let received = have
    let failed: Error | null = null
    const fail = (err: Error): void => {
      if (failed) return
      failed = err
      response.destroy()
      out.end()
    }
    response.on('data', (chunk: Buffer) => {
      hash.update(chunk)
      received += chunk.length
      meter.add(chunk.length)
      meter.emit(received, total, 'downloading')
      if (!out.write(chunk)) {
        response.pause()
        out.once('drain', () => response.resume())
      }
    })
    response.on('aborted', () => fail(new DroppedError(received, total)))
    response.on('error', (err) =>
      fail(
        r.signal.aborted ? new Error('cancelled') : new DroppedError(received, total, err.message)
      )
    )
    response.on('end', () => {
      if (total !== null && received < total) fail(new DroppedError(received, total))
      else out.end()
    })
    out.on('error', (err: NodeJS.ErrnoException) => {
      fail(
        new (err.code === 'ENOSPC' ? DiskFullError : DownloadError)(
          err.code === 'ENOSPC'
            ? `disk full after ${formatBytes(received)} of ${total ? formatBytes(total) : 'the model'} in ${dirname(part)}; the partial download was removed`
            : `cannot write ${part}: ${err.message}`
        )
      )
    })
    out.on('close', () => (failed ? reject(failed) : resolve(received)))
  })
}

class DiskFullError extends DownloadError {}

class DroppedError extends Error {
  constructor(received: number, total: number | null, why = 'connection dropped') {
    super(`${why} at ${formatBytes(received)}${total ? ` of ${formatBytes(total)}` : ''}`)
  }
}

/** Downloads, verifies, renames. Resolves with the final path. */
export async function downloadModel(r: DownloadRequest): Promise<string> {
  const meter = new Meter(r.name, r.onProgress)
  const retries = r.retries ?? 3
  // A function, not a property read: the signal changes under our feet while we await.
  const cancelled = (): boolean => r.signal.aborted
  // Before a byte moves: the catalog's size says whether it can fit at all (the server's
  // Content-Length is checked again once it answers).
  if (r.approxBytes)
    checkFreeSpace(dirname(r.dest), r.approxBytes - (await sizeOf(partPath(r.dest))))
  let lastDrop: Error | null = null
  for (let i = 0; i <= retries + 1; i++) {
    if (cancelled()) throw new Error('cancelled')
    const hash = createHash('sha1')
    let size: number
    try {
      size = await attempt(r, meter, hash)
    } catch (err) {
      if (cancelled()) throw new Error('cancelled')
      if (err instanceof RestartError) continue
      if (err instanceof DiskFullError) await removePart(r.dest) // do not leave the disk full
      if (err instanceof DroppedError) {
        lastDrop = err
        if (i < retries) await new Promise((res) => setTimeout(res, 200 * (i + 1)))
        if (i < retries) continue
        throw new DownloadError(`${err.message}; run the pull again to resume from there`)
      }
      throw err
    }
    meter.emit(size, size, 'verifying', true)
    const actual = hash.digest('hex')
    if (r.sha1 && actual !== r.sha1) {
      await removePart(r.dest)
      throw new DownloadError(
        `checksum mismatch for ${r.name}: expected SHA-1 ${r.sha1}, got ${actual}; the download was removed`
      )
    }
    await fs.rename(partPath(r.dest), r.dest)
    await fs.rm(metaPath(r.dest), { force: true })
    meter.emit(size, size, 'done', true)
    return r.dest
  }
  throw new DownloadError(lastDrop?.message ?? 'download kept restarting')
}
