// A loopback HTTP server that serves model files the way Hugging Face does (Range → 206 with
// Content-Range, a redirect first if asked), and misbehaves on purpose: no Range support, a
// connection dropped mid-body, a slow body, no Content-Length, 404, a redirect anywhere (another
// scheme, an unparseable Location, a loop), no headers at all, a body that stalls, a 206 that
// starts at byte 0 whatever was asked. Over https when given a key and certificate.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { emptyWhisperModelBytes } from './emptyWhisperModel'

/** `size` bytes that pass the ggml header check (an empty-weights model, then random bytes). */
export function ggmlBody(size: number): Buffer {
  const head = emptyWhisperModelBytes()
  return Buffer.concat([head, randomBytes(size - head.length)])
}

export interface ServedFile {
  body: Buffer
  /** Answer Range requests with 206 (default true). */
  ranges?: boolean
  /** Destroy the socket after this many body bytes, on the first `dropTimes` requests. */
  dropAfterBytes?: number
  dropTimes?: number
  /** Throttle the body to about this rate. */
  bytesPerSecond?: number
  /** Send a Range request's body (a resume) unthrottled: only the pull that is cut off is slow. */
  resumeAtFullSpeed?: boolean
  /** Send no Content-Length (chunked), as some mirrors do. */
  chunked?: boolean
  /** Answer with a 302 to /cdn/<path> first, like Hugging Face. */
  redirect?: boolean
  /** Answer every request with a 302 to exactly this Location (the body is not served). */
  redirectTo?: string
  /** Accept the request and never answer it. */
  noHeaders?: boolean
  /** Send this many body bytes, then nothing more (the connection stays open). */
  stallAfterBytes?: number
  /** Answer a Range request with a 206 of the whole file (Content-Range from byte 0). */
  rangeFromZero?: boolean
  /** After `holdAfterBytes` body bytes, send the rest only once `hold` settles. */
  holdAfterBytes?: number
  hold?: Promise<void>
}

export interface ModelServer {
  url: (path: string) => string
  base: string
  /** The Range header of every request for a path (undefined = none), in order. */
  ranges: (path: string) => (string | undefined)[]
  /** The headers of every request for a path, in order. */
  requests: (path: string) => IncomingMessage['headers'][]
  close: () => Promise<void>
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function sendBody(
  res: ServerResponse,
  body: Buffer,
  file: ServedFile,
  drop: boolean,
  throttled: boolean
): Promise<void> {
  // Read at each piece: a test may lift the throttle mid-body (tests/e2e/ui/models.test.ts).
  const rate = (): number | undefined => (throttled ? file.bytesPerSecond : undefined)
  // Throttled bodies go in tenth-of-a-second pieces, so the rate holds even for a small file.
  const start = rate()
  const piece = start ? Math.max(1024, Math.min(64 * 1024, Math.floor(start / 10))) : 64 * 1024
  for (let sent = 0; sent < body.length;) {
    if (res.destroyed) return
    const end = Math.min(body.length, sent + piece)
    const cut = drop && file.dropAfterBytes !== undefined && end >= file.dropAfterBytes
    const stall = file.stallAfterBytes !== undefined && end >= file.stallAfterBytes
    const limit = cut ? file.dropAfterBytes : stall ? file.stallAfterBytes : undefined
    const chunk = body.subarray(sent, limit === undefined ? end : Math.max(sent, limit))
    if (!res.write(chunk)) await new Promise((r) => res.once('drain', r))
    sent += chunk.length
    if (cut) {
      await sleep(50)
      res.socket?.destroy()
      return
    }
    if (stall) return // the client's idle deadline has to end this
    if (file.hold && file.holdAfterBytes !== undefined && sent >= file.holdAfterBytes) {
      await file.hold
    }
    const bytesPerSecond = rate()
    if (bytesPerSecond) await sleep((chunk.length / bytesPerSecond) * 1000)
  }
  res.end()
}

export async function startModelServer(
  files: Record<string, ServedFile>,
  tls?: { key: string; cert: string }
): Promise<ModelServer> {
  const seen = new Map<string, IncomingMessage['headers'][]>()
  const drops = new Map<string, number>()
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').replace(/^\/cdn/, '')
    const file = files[path]
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Entry not found')
      return
    }
    if (file.redirect && !req.url?.startsWith('/cdn')) {
      res.writeHead(302, { location: `/cdn${path}` }).end()
      return
    }
    seen.set(path, [...(seen.get(path) ?? []), req.headers])
    if (file.noHeaders) return
    if (file.redirectTo !== undefined) {
      res.writeHead(302, { location: file.redirectTo }).end()
      return
    }
    const dropped = drops.get(path) ?? 0
    const drop = file.dropAfterBytes !== undefined && dropped < (file.dropTimes ?? 1)
    if (drop) drops.set(path, dropped + 1)
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
    let body = file.body
    const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream' }
    if (m && file.ranges !== false) {
      const start = Number(m[1])
      if (start >= file.body.length) {
        res.writeHead(416, { 'content-range': `bytes */${file.body.length}` }).end()
        return
      }
      const from = file.rangeFromZero ? 0 : start
      body = file.body.subarray(from)
      headers['content-range'] = `bytes ${from}-${file.body.length - 1}/${file.body.length}`
      if (!file.chunked) headers['content-length'] = body.length
      res.writeHead(206, headers)
    } else {
      if (!file.chunked) headers['content-length'] = body.length
      res.writeHead(200, headers)
    }
    const resumed = m !== null && file.ranges !== false
    void sendBody(res, body, file, drop, !(resumed && file.resumeAtFullSpeed))
  }
  const server: Server = tls ? createTlsServer(tls, handler) : createServer(handler)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    url: (path) => `${base}${path}`,
    ranges: (path) => (seen.get(path) ?? []).map((h) => h.range),
    requests: (path) => seen.get(path) ?? [],
    close: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(() => r())
      })
  }
}
