// The browser host: the built renderer and the IPC contract served on 127.0.0.1 only, behind a
// random token, so the real renderer and the real core run end to end in a plain browser.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { CONTENT_SECURITY_POLICY } from '../core/hosting/contentSecurityPolicy'
import { oneLineError } from '@shared/errors'
import { jobIdOfMediaHttpPath, UPLOAD_NAME_PARAM, UPLOAD_PATH } from '@shared/ipc/routes'
import type { HostedService } from '../core/hosting/hostedService'
import { authorize, cookieName, newToken } from './auth'
import { SocketBridge } from './socketBridge'
import { resolveStaticPath, sendFile } from './staticFiles'
import { sendMedia } from './media'
import {
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_UPLOAD_IDLE_MS,
  receiveUpload,
  UploadError
} from './upload'
import { dataPaths } from '../core/paths'

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
  /** An upload that sends nothing for this long is dropped (default DEFAULT_UPLOAD_IDLE_MS). */
  uploadIdleMs?: number
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

/** What every request needs; `port` is known once the server listens. */
interface HostContext {
  options: WebHostOptions
  token: string
  port: number
  log: (line: string) => void
}

async function serveHttp(
  host: HostContext,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const auth = authorize(req, url, host.port, host.token)
  if (!auth.allowed) return sendText(res, 401, `refused: ${auth.reason}`)
  if (url.pathname === UPLOAD_PATH) return serveUpload(host, req, res, url)
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed')
  const mediaId = jobIdOfMediaHttpPath(url.pathname)
  if (mediaId !== null) return serveJobMedia(host.options.service, req, res, mediaId)
  const file = await resolveStaticPath(host.options.rendererDir, url.pathname)
  if (!file) return sendText(res, 404, 'not found')
  const headers = { ...SECURITY_HEADERS }
  // The page's scripts and styles are fetched without the query: the cookie carries the token.
  if (auth.queryToken) {
    headers['Set-Cookie'] =
      `${cookieName(host.port)}=${host.token}; HttpOnly; SameSite=Strict; Path=/`
  }
  await sendFile(res, file, headers, req.method === 'HEAD')
}

async function serveUpload(
  host: HostContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL
): Promise<void> {
  if (req.method !== 'POST') return sendText(res, 405, 'upload needs POST')
  try {
    const path = await receiveUpload(
      req,
      dataPaths(host.options.dataDir).uploads,
      url.searchParams.get(UPLOAD_NAME_PARAM),
      {
        maxBytes: host.options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
        idleMs: host.options.uploadIdleMs ?? DEFAULT_UPLOAD_IDLE_MS
      }
    )
    return sendJson(res, 200, { path })
  } catch (error) {
    const status = error instanceof UploadError ? error.status : 500
    // A client that stalled or went away cannot read the answer: the log says what happened.
    host.log(`[webHost] upload: ${oneLineError(error)}`)
    return sendJson(res, status, { error: oneLineError(error) })
  }
}

async function serveJobMedia(
  service: HostedService,
  req: IncomingMessage,
  res: ServerResponse,
  id: number
): Promise<void> {
  const job = await service.handlers['jobs.get']({ id }, { clientId: 'media' })
  if (!job) return sendText(res, 404, 'the original file of this job is gone')
  // Seeking re-requests ranges: let the browser cache them for this page (private: loopback).
  const headers = { ...SECURITY_HEADERS, 'Cache-Control': 'private, max-age=300' }
  await sendMedia(res, job, req.headers.range, headers, req.method === 'HEAD')
}

/** `/ws` with a valid token becomes a socket for the bridge; anything else is refused. */
function upgradeHandler(
  host: HostContext,
  sockets: WebSocketServer,
  bridge: SocketBridge
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const auth = authorize(req, url, host.port, host.token)
    if (url.pathname !== '/ws' || !auth.allowed) {
      const status = url.pathname !== '/ws' ? '404 Not Found' : '401 Unauthorized'
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    sockets.handleUpgrade(req, socket, head, (ws) => bridge.accept(ws))
  }
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken()
  const log = options.log ?? ((line: string) => console.error(line))
  const host: HostContext = { options, token, port: 0, log }
  const bridge = new SocketBridge(options.service, log)
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })

  // No limit on a whole request (Node's default cuts any request at 300 s, a slow upload too):
  // headers still have headersTimeout, and an upload that stops sending has its idle limit.
  const server = createServer({ requestTimeout: 0 }, (req, res) => {
    serveHttp(host, req, res).catch((error: unknown) => {
      log(`[webHost] ${req.method} ${req.url?.split('?')[0]} failed: ${oneLineError(error)}`)
      if (!res.headersSent) sendText(res, 500, 'internal error')
      else res.destroy()
    })
  })
  server.on('upgrade', upgradeHandler(host, sockets, bridge))

  await new Promise<void>((listening, failed) => {
    server.once('error', failed)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', failed)
      listening()
    })
  })
  const port = (host.port = (server.address() as AddressInfo).port)

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
