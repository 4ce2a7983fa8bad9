// The contract over a WebSocket: `{ id, channel, input }` in, `{ id, result: IpcResult }` out,
// events pushed as `{ event, payload }`; a request longer than a frame may carry comes in parts
// (src/shared/ipc/messageParts.ts). Each connection is one client (`ws:<n>`) that owns the
// jobs it starts; when it closes (page closed, reloaded, navigated away) those jobs stop.
import type { WebSocket } from 'ws'
import { EVENT_CHANNEL_NAMES } from '@shared/ipc/channels'
import { issueText, type IpcResult } from '@shared/ipc/contract'
import { MessagePartSchema } from '@shared/ipc/messageParts'
import { ClientRequests } from '../core/hosting/clientRequests'
import { oneLineError } from '@shared/errors'
import { dispatchRequest } from '../core/hosting/dispatchRequest'
import type { HostedService } from '../core/hosting/hostedService'
import { ClientOutbox } from './clientOutbox'
import { PartedRequests } from './partedRequests'

export const PAGE_GONE_REASON = 'the page that started it was closed or reloaded'
/** A page that answers no ping within two intervals is treated as gone (a hung or killed tab). */
const PING_INTERVAL_MS = 10_000

interface Reply {
  id: number | null
  result: IpcResult<unknown>
}

function parseJson(data: string): { json: unknown } | Reply {
  try {
    return { json: JSON.parse(data) as unknown }
  } catch {
    return { id: null, result: { ok: false, error: 'message is not JSON' } }
  }
}

function parseMessage(message: unknown): { id: number; channel: unknown; input: unknown } | Reply {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { id: null, result: { ok: false, error: 'message must be an object' } }
  }
  const { id, channel, input } = message as Record<string, unknown>
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    return { id: null, result: { ok: false, error: 'message needs an integer id' } }
  }
  return { id, channel, input }
}

const isPart = (json: unknown): json is Record<string, unknown> =>
  typeof json === 'object' && json !== null && 'part' in json

export class SocketBridge {
  private readonly sockets = new Map<WebSocket, string>()
  private readonly outboxes = new WeakMap<WebSocket, ClientOutbox>()
  private readonly parted = new WeakMap<WebSocket, PartedRequests>()
  /**
   * Sockets the host itself closed (no pong): that is not the page leaving. A failed send is not
   * one of them: it fails because the page already went (a reload while events were on their way),
   * and that page's jobs must stop like every other page's.
   */
  private readonly closedByHost = new WeakSet<WebSocket>()
  private readonly alive = new WeakSet<WebSocket>()
  private readonly inflight = new ClientRequests()
  private readonly unsubscribe: (() => void)[] = []
  private readonly pingTimer: NodeJS.Timeout
  private nextClient = 1
  private closing = false

  constructor(
    private readonly service: HostedService,
    private readonly log: (line: string) => void
  ) {
    for (const event of EVENT_CHANNEL_NAMES) {
      this.unsubscribe.push(service.on(event, (payload) => this.broadcast({ event, payload })))
    }
    this.pingTimer = setInterval(() => this.pingAll(), PING_INTERVAL_MS)
    this.pingTimer.unref()
  }

  /**
   * A socket that did not answer the previous ping while nothing waited for it is terminated (a
   * hung tab). One with a backlog is slow, not gone: its pong waits behind our data, so it is
   * never closed for that. Either way the host closing it does not stop the page's jobs.
   */
  private pingAll(): void {
    for (const [socket, clientId] of this.sockets) {
      if (!this.alive.has(socket)) {
        if (this.outboxes.get(socket)?.hasBacklog()) continue
        this.log(
          `[webHost] ${clientId} answered no ping: closed by the host, its jobs keep running`
        )
        this.closedByHost.add(socket)
        socket.terminate()
      } else {
        this.alive.delete(socket)
        socket.ping()
      }
    }
  }

  accept(socket: WebSocket): string {
    const clientId = `ws:${this.nextClient++}`
    this.sockets.set(socket, clientId)
    this.outboxes.set(
      socket,
      new ClientOutbox(socket, {
        onSendError: (error) =>
          this.log(`[webHost] ${clientId} send failed: ${oneLineError(error)}`)
      })
    )
    this.parted.set(socket, new PartedRequests())
    this.alive.add(socket)
    socket.on('pong', () => this.alive.add(socket))
    socket.on('message', (data, isBinary) => {
      if (isBinary)
        return this.send(socket, {
          id: null,
          result: { ok: false, error: 'binary messages are not accepted' }
        })
      void this.handle(socket, clientId, data.toString())
    })
    socket.on('error', (error) =>
      this.log(`[webHost] ${clientId} socket error: ${oneLineError(error)}`)
    )
    socket.on('close', () => {
      this.sockets.delete(socket)
      this.outboxes.get(socket)?.close()
      this.parted.get(socket)?.clear()
      if (this.closing) return
      if (this.closedByHost.has(socket)) {
        this.log(`[webHost] ${clientId} closed by the host, not by the page: its jobs keep running`)
        return
      }
      void this.release(clientId)
    })
    return clientId
  }

  private async handle(socket: WebSocket, clientId: string, data: string): Promise<void> {
    const frame = parseJson(data)
    if ('result' in frame) return this.send(socket, frame)
    const message = isPart(frame.json) ? this.whole(socket, frame.json) : frame.json
    if (message === undefined) return
    const parsed = parseMessage(message)
    if ('result' in parsed) return this.send(socket, parsed)
    const result = await this.inflight.track(
      clientId,
      dispatchRequest(this.service.handlers, parsed.channel, parsed.input, { clientId })
    )
    this.send(socket, { id: parsed.id, result })
  }

  /** The request a part completes (parsed), or undefined: more to come, or refused (answered). */
  private whole(socket: WebSocket, frame: Record<string, unknown>): unknown {
    const refuse = (error: string): undefined => {
      const id = typeof frame.id === 'number' && Number.isSafeInteger(frame.id) ? frame.id : null
      this.send(socket, { id, result: { ok: false, error } })
      return undefined
    }
    const part = MessagePartSchema.safeParse(frame)
    if (!part.success) return refuse(`malformed part: ${issueText(part.error)}`)
    const step = this.parted.get(socket)?.add(part.data)
    if (!step || 'more' in step) return undefined
    if ('refused' in step) return refuse(step.refused)
    const request = parseJson(step.whole)
    if ('result' in request) return refuse('the request in parts is not JSON')
    const { id } = request.json as { id?: unknown }
    if (id !== part.data.id)
      return refuse(`the request in parts has id ${String(id)}, not ${part.data.id}`)
    return request.json
  }

  private async release(clientId: string): Promise<void> {
    await this.inflight.settled(clientId)
    try {
      const notice = await this.service.releaseClient(clientId, PAGE_GONE_REASON)
      if (notice.jobs.length)
        this.log(`[webHost] ${clientId} gone: stopped ${notice.jobs.length} job(s)`)
    } catch (error) {
      this.log(`[webHost] releasing ${clientId} failed: ${oneLineError(error)}`)
    }
  }

  private send(socket: WebSocket, message: Reply | { event: string; payload: unknown }): void {
    if (socket.readyState !== socket.OPEN) return
    this.outboxes.get(socket)?.push(message)
  }

  private broadcast(message: { event: string; payload: unknown }): void {
    for (const socket of this.sockets.keys()) this.send(socket, message)
  }

  /** Host shutdown: close every connection without per-client release (shutdown stops all). */
  close(): void {
    this.closing = true
    clearInterval(this.pingTimer)
    for (const off of this.unsubscribe) off()
    for (const socket of this.sockets.keys()) socket.close(1001, 'host shutting down')
  }
}
