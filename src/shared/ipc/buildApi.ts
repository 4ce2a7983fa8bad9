// Builds `TranscriptorApi` from the contract's channel names over any transport. The preload
// (ipcRenderer) and the renderer's WebSocket client (browser host) both use it, so the renderer
// sees the same object, with the same error behaviour, whichever host it runs in.
import type { TranscriptorApi } from '@shared/ipc/api'
import { isEventChannelName, REQUEST_CHANNELS } from '@shared/ipc/channels'
import type { EventChannel, IpcResult, RequestChannel } from '@shared/ipc/contract'

export interface ApiTransport {
  /** Sends one request; resolves with the host's IpcResult (rejects only if the transport broke). */
  invoke(channel: RequestChannel, input: unknown): Promise<IpcResult<unknown>>
  /** Registers an event listener; returns the unsubscribe function. */
  subscribe(event: EventChannel, listener: (payload: unknown) => void): () => void
}

/** Turns `{ ok: false, error }` into a rejection with that one-line reason. */
export async function unwrapResult<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  // A transport can deliver anything (a broken host, a proxy): check the shape, do not trust it.
  const result: unknown = await pending
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    const reply = result as IpcResult<T>
    if (reply.ok) return reply.value
    throw new Error(reply.error)
  }
  throw new Error('malformed reply from the host')
}

type MethodTable = Record<string, Record<string, (input: unknown) => Promise<unknown>>>

export function buildApi(transport: ApiTransport): TranscriptorApi {
  const groups: MethodTable = {}
  for (const channel of REQUEST_CHANNELS) {
    const [group, method] = channel.split('.') as [string, string]
    groups[group] ??= {}
    groups[group][method] = (input: unknown) =>
      unwrapResult(transport.invoke(channel, input === undefined ? {} : input))
  }
  const on = (event: EventChannel, listener: (payload: never) => void): (() => void) => {
    if (!isEventChannelName(event)) throw new Error(`unknown event: ${String(event)}`)
    if (typeof listener !== 'function') throw new Error('listener must be a function')
    return transport.subscribe(event, listener as (payload: unknown) => void)
  }
  // The generated table matches TranscriptorApi by construction (REQUEST_CHANNELS is checked
  // against the contract at compile time); TypeScript cannot follow the string split.
  return { ...groups, on } as unknown as TranscriptorApi
}
