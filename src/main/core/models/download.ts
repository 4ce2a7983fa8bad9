// Downloads one model file the way apt and npm do: into `<dest>.part` (owned by one process at a
// time, see partLock), resuming with HTTP Range after a dropped connection or a restart, then a
// SHA-1 of the file on disk and an atomic rename (see install). Every failure is one line and
// leaves no file that looks like a usable model.
import { promises as fs } from 'node:fs'
import { dirname } from 'node:path'
import { formatBytes } from '@shared/byteText'
import type { DownloadProgress } from '@shared/models'
import { parseContentRange } from './contentRange'
import { DiscardError, DownloadError, DroppedError, RestartError } from './downloadError'
import { BodyHasher, type FileDigest } from './bodyHasher'
import { checkFreeSpace } from './freeSpace'
import { DEFAULT_TIMEOUTS, getResponse, type DownloadTimeouts, type Reply } from './httpGet'
import { installPart } from './install'
import { Meter } from './meter'
import { partPath, readMeta, removePart, sizeOf, writeMeta, type PartMeta } from './partFile'
import { lockPart } from './partLock'
import { catalogLimit, sizeCap, type SizeCap } from './sizeCap'
import { streamBody } from './streamBody'

export { removePart }

export interface DownloadRequest {
  name: string
  url: string
  dest: string
  /** Lowercase hex; null = not verified (a URL pull without --sha1 is refused earlier). */
  sha1: string | null
  /** From the catalog, for the free-space check before the server says, and the size cap. */
  approxBytes?: number
  signal: AbortSignal
  onProgress: (p: DownloadProgress) => void
  /** Attempts after a dropped connection before giving up (the .part stays for later). */
  retries?: number
  timeouts?: DownloadTimeouts
  /** Why the finished file is not a model of its kind (install.ts; default: whisper's check). */
  check?: (path: string) => string | null
}

interface Attempt {
  size: number
  digest: FileDigest
}

function httpFailure(reply: Reply, url: string): DownloadError {
  reply.discard()
  return new DownloadError(
    `download failed: HTTP ${reply.status} ${reply.statusText}`.trimEnd() + ` for ${url}`
  )
}

async function restart(reply: Reply, dest: string): Promise<never> {
  reply.discard()
  await removePart(dest)
  throw new RestartError()
}

/** What the reply continues: the size of the whole file, or a restart / refusal. */
async function totalOf(
  reply: Reply,
  r: DownloadRequest,
  have: number,
  meta: PartMeta | null
): Promise<{ have: number; total: number | null } | 'complete'> {
  const status = reply.status
  if (status === 206 && have > 0) {
    const range = parseContentRange(reply.headers['content-range'])
    // Bytes from elsewhere than the .part's end would be appended at the wrong place.
    if (range?.start !== have) return restart(reply, r.dest)
    // The file on the server changed size: what we have belongs to another file.
    if (meta?.totalBytes != null && range.total !== meta.totalBytes) return restart(reply, r.dest)
    return { have, total: range.total }
  }
  if (status === 416 && have > 0 && meta?.totalBytes === have) {
    reply.discard()
    return 'complete'
  }
  if (status === 200) {
    // No Range support (or a fresh start): take it from the beginning.
    return { have: 0, total: reply.length !== null && reply.length > 0 ? reply.length : null }
  }
  if (status === 416) await removePart(r.dest)
  throw httpFailure(reply, r.url)
}

/** Bytes the reply must not exceed; a server announcing more than the catalog's size is refused. */
function capFor(r: DownloadRequest, have: number, total: number | null): SizeCap {
  if (total !== null && r.approxBytes && total > catalogLimit(r.approxBytes)) {
    throw new DownloadError(
      `the server announces ${formatBytes(total)} for ${r.name}, more than the catalog's ${formatBytes(r.approxBytes)}; refusing it`
    )
  }
  return sizeCap(dirname(r.dest), have, total, r.approxBytes)
}

/** One attempt: from the .part's end to the end of the file, hashed as it arrives. */
async function attempt(r: DownloadRequest, meter: Meter): Promise<Attempt> {
  const part = partPath(r.dest)
  const meta = await readMeta(r.dest)
  let have = await sizeOf(part)
  if (have > 0 && (!meta || meta.url !== r.url)) {
    await removePart(r.dest) // someone else's .part: start over
    have = 0
  }
  const timeouts = r.timeouts ?? DEFAULT_TIMEOUTS
  const reply = await getResponse(
    r.url,
    have > 0 ? { range: `bytes=${have}-` } : {},
    r.signal,
    timeouts
  )
  const answer = await totalOf(reply, r, have, meta)
  if (answer === 'complete')
    return { size: have, digest: await new BodyHasher(part, have).finish() }
  return await continuePart(reply, r, meter, answer)
}

/** Streams the reply into the .part from `from` on, and into the hasher after its first bytes. */
async function continuePart(
  reply: Reply,
  r: DownloadRequest,
  meter: Meter,
  { have: from, total }: { have: number; total: number | null }
): Promise<Attempt> {
  const part = partPath(r.dest)
  let cap: SizeCap
  try {
    cap = capFor(r, from, total)
    checkFreeSpace(dirname(r.dest), (total ?? r.approxBytes ?? 0) - from)
  } catch (err) {
    reply.discard()
    throw err
  }
  await writeMeta(r.dest, { url: r.url, totalBytes: total })
  // The hasher reads the .part's first bytes from the file; the writer continues it at `from`.
  if (from === 0) await fs.writeFile(part, '')
  else await fs.truncate(part, from)
  const hasher = new BodyHasher(part, from)
  try {
    const size = await streamBody(reply, {
      part,
      have: from,
      total,
      cap,
      signal: r.signal,
      meter,
      onWritten: (end) => hasher.written(end),
      hash: (bytes, release) => hasher.add(bytes, release)
    })
    return { size, digest: await hasher.finish() }
  } finally {
    await hasher.stop()
  }
}

/** Downloads, verifies, renames. Resolves with the final path. */
export async function downloadModel(r: DownloadRequest): Promise<string> {
  // Before a byte moves: the catalog's size says whether it can fit at all (the server's
  // Content-Length is checked again once it answers).
  if (r.approxBytes)
    checkFreeSpace(dirname(r.dest), r.approxBytes - (await sizeOf(partPath(r.dest))))
  const lock = await lockPart(r.dest)
  try {
    return await downloadLocked(r)
  } finally {
    await lock.release()
  }
}

async function downloadLocked(r: DownloadRequest): Promise<string> {
  const meter = new Meter(r.name, r.onProgress)
  const retries = r.retries ?? 3
  // A function, not a property read: the signal changes under our feet while we await.
  const cancelled = (): boolean => r.signal.aborted
  let lastDrop: Error | null = null
  for (let i = 0; i <= retries + 1; i++) {
    if (cancelled()) throw new Error('cancelled')
    let done: Attempt
    try {
      done = await attempt(r, meter)
    } catch (err) {
      if (cancelled()) throw new Error('cancelled')
      if (err instanceof RestartError) continue
      if (err instanceof DiscardError) await removePart(r.dest) // do not leave the disk full
      if (!(err instanceof DroppedError)) throw err
      lastDrop = err
      if (i >= retries)
        throw new DownloadError(`${err.message}; run the pull again to resume from there`)
      await new Promise((res) => setTimeout(res, 200 * (i + 1)))
      continue
    }
    meter.emit(done.size, done.size, 'verifying', true)
    await installPart(r, done.digest, done.size)
    meter.emit(done.size, done.size, 'done', true)
    return r.dest
  }
  throw new DownloadError(lastDrop?.message ?? 'download kept restarting')
}
