// A loopback HTTP server that serves model files the way Hugging Face does (Range → 206 with
// Content-Range, a redirect first if asked), and misbehaves on purpose: no Range support, a
// connection dropped mid-body, a slow body, no Content-Length, 404.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ServedFile {
  body: Buffer
  /** Answer Range requests with 206 (default true). */
  ranges?: boolean
  /** Destroy the socket after this many body bytes, on the first `dropTimes` requests. */
  dropAfterBytes?: number
  dropTimes?: number
  /** Throttle the body to about this rate. */
  bytesPerSecond?: number
  /** Send no Content-Length (chunked), as some mirrors do. */
  chunked?: boolean
  /** Answer with a 302 to /cdn/<path> first, like Hugging Face. */
  redirect?: boolean
}

export interface ModelServer {
  url: (path: string) => string
  base: string
  /** The Range header of every request for a path (undefined = none), in order. */
  ranges: (path: string) => (string | undefined)[]
  close: () => Promise<void>
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function sendBody(
  res: ServerResponse,
  body: Buffer,
  file: ServedFile,
  drop: boolean
): Promise<void> {
  // Throttled bodies go in tenth-of-a-second pieces, so the rate holds even for a small file.
  const piece = file.bytesPerSecond
    ? Math.max(1024, Math.min(64 * 1024, Math.floor(file.bytesPerSecond / 10)))
    : 64 * 1024
  for (let sent = 0; sent < body.length;) {
    if (res.destroyed) return
    const end = Math.min(body.length, sent + piece)
    const cut = drop && file.dropAfterBytes !== undefined && end >= file.dropAfterBytes
    const chunk = body.subarray(sent, cut ? Math.max(sent, file.dropAfterBytes ?? 0) : end)
    if (!res.write(chunk)) await new Promise((r) => res.once('drain', r))
    sent += chunk.length
    if (cut) {
      await sleep(50)
      res.socket?.destroy()
      return
    }
    if (file.bytesPerSecond) await sleep((chunk.length / file.bytesPerSecond) * 1000)
  }
  res.end()
}

export async function startModelServer(files: Record<string, ServedFile>): Promise<ModelServer> {
  const seen = new Map<string, (string | undefined)[]>()
  const drops = new Map<string, number>()
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
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
    seen.set(path, [...(seen.get(path) ?? []), req.headers.range])
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
      body = file.body.subarray(start)
      headers['content-range'] = `bytes ${start}-${file.body.length - 1}/${file.body.length}`
      if (!file.chunked) headers['content-length'] = body.length
      res.writeHead(206, headers)
    } else {
      if (!file.chunked) headers['content-length'] = body.length
      res.writeHead(200, headers)
    }
    void sendBody(res, body, file, drop)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    url: (path) => `${base}${path}`,
    ranges: (path) => seen.get(path) ?? [],
    close: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(() => r())
      })
  }
}
