// The browser host's side of the contract: requests as `{ id, channel, input }` over one
// WebSocket (in parts when longer than a frame may be: src/shared/ipc/messageParts.ts), replies
// `{ id, result }`, events `{ event, payload }`. If the connection drops (host restarted), pending
// requests fail with a one-line reason, and the client reconnects (with backoff) while anything
// still listens for events, or at the next request.
import type { ApiTransport } from '@shared/ipc/buildApi'
import { isEventChannelName } from '@shared/ipc/channels'
import type { EventChannel, IpcResult, RequestChannel } from '@shared/ipc/contract'
import { oneLineError } from '@shared/errors'
import { messageParts } from '@shared/ipc/messageParts'

interface Pending {
  resolve(result: IpcResult<unknown>): void
  reject(error: Error): void
}

const RETRY_MIN_MS = 500
const RETRY_MAX_MS = 10_000

type Listeners = Map<EventChannel, Set<(payload: unknown) => void>>

/** One frame from the host: a reply goes to its pending request, an event to its listeners. */
function dispatch(data: unknown, pending: Map<number, Pending>, listeners: Listeners): void {
  if (typeof data !== 'string') return
  let message: { id?: unknown; result?: IpcResult<unknown>; event?: unknown; payload?: unknown }
  try {
    message = JSON.parse(data)
  } catch {
    return
  }
  if (typeof message.id === 'number' && message.result) {
    pending.get(message.id)?.resolve(message.result)
    pending.delete(message.id)
  } else if (isEventChannelName(message.event)) {
    for (const listener of listeners.get(message.event) ?? []) listener(message.payload)
  }
}

export function createSocketTransport(socketUrl: string): ApiTransport {
  const listeners: Listeners = new Map()
  const pending = new Map<number, Pending>()
  let nextId = 1
  let socket: WebSocket | null = null
  let opened: Promise<WebSocket> | null = null
  let retryMs = RETRY_MIN_MS
  let retryTimer: ReturnType<typeof setTimeout> | null = null

  function scheduleReconnect(): void {
    if (retryTimer || listeners.size === 0) return
    retryTimer = setTimeout(() => {
      retryTimer = null
      connect().catch(() => undefined)
    }, retryMs)
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS)
  }

  function failAll(reason: string): void {
    for (const request of pending.values()) request.reject(new Error(reason))
    pending.clear()
  }

  function connect(): Promise<WebSocket> {
    if (opened) return opened
    opened = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(socketUrl)
      socket = ws
      ws.onopen = () => {
        retryMs = RETRY_MIN_MS
        resolve(ws)
      }
      ws.onmessage = (event) => dispatch(event.data, pending, listeners)
      ws.onclose = (event) => {
        socket = null
        opened = null
        const reason = `connection to the host closed (${event.code}${event.reason ? ': ' + event.reason : ''})`
        reject(new Error(reason))
        failAll(reason)
        scheduleReconnect()
      }
    })
    return opened
  }

  // Connect at once so the host pushes events even before the first request.
  connect().catch(() => undefined)

  return {
    async invoke(channel: RequestChannel, input: unknown) {
      const ws = await connect()
      const id = nextId++
      return new Promise<IpcResult<unknown>>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        try {
          // A long one (a change of every segment of a long transcript) goes in parts.
          for (const frame of messageParts(id, JSON.stringify({ id, channel, input })))
            ws.send(frame)
        } catch (error) {
          pending.delete(id)
          reject(new Error(oneLineError(error)))
        }
      })
    },
    subscribe(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      if (!socket) connect().catch(() => undefined)
      return () => {
        set.delete(listener)
        if (set.size === 0 && listeners.get(event) === set) listeners.delete(event)
      }
    }
  }
}
