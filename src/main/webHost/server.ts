// The browser host: the built renderer and the IPC contract served on 127.0.0.1 only, behind a
// random token, so the real renderer and the real core run end to end in a plain browser.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { WebSocketServer } from 'ws'
import { CONTENT_SECURITY_POLICY } from '../core/hosting/contentSecurityPolicy'
import { oneLineError } from '@shared/errors'
import type { HostedService } from '../core/hosting/hostedService'
import { authorize, cookieName, newToken } from './auth'
import { SocketBridge } from './socketBridge'
import { resolveStaticPath, sendFile } from './staticFiles'
import { mediaJobId, sendMedia } from './media'
import { DEFAULT_MAX_UPLOAD_BYTES, receiveUpload, UploadError } from './upload'

export interface WebHostOptions {
  service: HostedService
  /** The built renderer (out/renderer). */
  rendererDir: string
  dataDir: string
  /** 0 (default) = a free port chosen by the OS. */
  port?: number
  /** Defaults to 32 random bytes; tests may pass their own. */
  token?: string
  maxUploadBytes?: number
  log?: (line: string) => void
}

export interface WebHost {
  /** `http://127.0.0.1:PORT/?token=…` — what a user opens. */
  url: string
  port: number
  token: string
  /** Stops accepting, closes every connection (without per-client release: shutdown stops all). */
  close(): Promise<void>
}

/** A WebSocket message may carry a jobs.create with many long paths. */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(text + '\n')
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken()
  const log = options.log ?? ((line: string) => console.error(line))
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES
  const bridge = new SocketBridge(options.service, log)
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  let port = 0

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const auth = authorize(req, url, port, token)
    if (!auth.allowed) return sendText(res, 401, `refused: ${auth.reason}`)
    if (url.pathname === '/upload') {
      if (req.method !== 'POST') return sendText(res, 405, 'upload needs POST')
      try {
        const path = await receiveUpload(
          req,
          join(options.dataDir, 'uploads'),
          url.searchParams.get('name'),
          maxUploadBytes
        )
        return sendJson(res, 200, { path })
      } catch (error) {
        const status = error instanceof UploadError ? error.status : 500
        return sendJson(res, status, { error: oneLineError(error) })
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, 'method not allowed')
    const mediaId = mediaJobId(url.pathname)
    if (mediaId !== null) return serveJobMedia(req, res, mediaId)
    const file = await resolveStaticPath(options.rendererDir, url.pathname)
    if (!file) return sendText(res, 404, 'not found')
    const headers = { ...SECURITY_HEADERS }
    // The page's scripts and styles are fetched without the query: the cookie carries the token.
    if (auth.queryToken) {
      headers['Set-Cookie'] = `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`
    }
    await sendFile(res, file, headers, req.method === 'HEAD')
  }

  async function serveJobMedia(
    req: IncomingMessage,
    res: ServerResponse,
    id: number
  ): Promise<void> {
    const job = await options.service.handlers['jobs.get']({ id }, { clientId: 'media' })
    if (!job) return sendText(res, 404, 'the original file of this job is gone')
    // Seeking re-requests ranges: let the browser cache them for this page (private: loopback).
    const headers = { ...SECURITY_HEADERS, 'Cache-Control': 'private, max-age=300' }
    await sendMedia(res, job, req.headers.range, headers, req.method === 'HEAD')
  }

  const server = createServer((req, res) => {
    serveHttp(req, res).catch((error: unknown) => {
      log(`[webHost] ${req.method} ${req.url?.split('?')[0]} failed: ${oneLineError(error)}`)
      if (!res.headersSent) sendText(res, 500, 'internal error')
      else res.destroy()
    })
  })

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const auth = authorize(req, url, port, token)
    if (url.pathname !== '/ws' || !auth.allowed) {
      const status = url.pathname !== '/ws' ? '404 Not Found' : '401 Unauthorized'
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    sockets.handleUpgrade(req, socket, head, (ws) => bridge.accept(ws))
  })

  await new Promise<void>((listening, failed) => {
    server.once('error', failed)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', failed)
      listening()
    })
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      bridge.close()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((done) => server.close(() => done()))
    }
  }
}
