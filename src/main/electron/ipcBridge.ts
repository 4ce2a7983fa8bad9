// ipcMain handlers generated from the contract, one per channel. Each checks that the call comes
// from our window's top frame, validates the input, runs the service handler for the client
// `wc:<webContents id>` and answers an IpcResult. It never throws: a bad call gets `{ ok: false }`.
import type { IpcMainInvokeEvent } from 'electron'
import { REQUEST_CHANNELS, EVENT_CHANNEL_NAMES } from '@shared/ipc/channels'
import { IPC_PREFIX, type IpcResult, type RequestHandlers } from '@shared/ipc/contract'
import type { ClientRequests } from '../core/hosting/clientRequests'
import { oneLineError } from '@shared/errors'
import { dispatchRequest } from '../core/hosting/dispatchRequest'
import type { HostedService } from '../core/hosting/hostedService'

/** The part of Electron's ipcMain used here (a unit test substitutes it). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>
  ): void
  removeHandler(channel: string): void
}

export function webContentsClientId(webContentsId: number): string {
  return `wc:${webContentsId}`
}

export const UNTRUSTED_SENDER_ERROR = 'refused: the request did not come from the app window'

export interface IpcBridgeOptions {
  ipcMain: IpcMainLike
  handlers: RequestHandlers
  requests: ClientRequests
  /** True only for our window's top frame showing our app. */
  isTrustedSender(event: IpcMainInvokeEvent): boolean
  log?: (line: string) => void
}

/** Registers a handler for every request channel; returns a function that removes them. */
export function registerIpcHandlers(options: IpcBridgeOptions): () => void {
  const log = options.log ?? ((line: string) => console.error(line))
  for (const channel of REQUEST_CHANNELS) {
    options.ipcMain.handle(
      IPC_PREFIX + channel,
      async (event, ...args): Promise<IpcResult<unknown>> => {
        try {
          if (!options.isTrustedSender(event)) return { ok: false, error: UNTRUSTED_SENDER_ERROR }
          if (args.length > 1)
            return { ok: false, error: `${channel} takes one argument, got ${args.length}` }
          const clientId = webContentsClientId(event.sender.id)
          const pending = dispatchRequest(options.handlers, channel, args[0], { clientId })
          return await options.requests.track(clientId, pending)
        } catch (error) {
          log(`[ipc] ${channel} failed: ${oneLineError(error)}`)
          return { ok: false, error: oneLineError(error) }
        }
      }
    )
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) options.ipcMain.removeHandler(IPC_PREFIX + channel)
  }
}

/** Forwards every service event (already batched by the core) to the renderer(s). */
export function forwardServiceEvents(
  service: Pick<HostedService, 'on'>,
  send: (channel: string, payload: unknown) => void
): () => void {
  const offs = EVENT_CHANNEL_NAMES.map((event) =>
    service.on(event, (payload) => send(IPC_PREFIX + event, payload))
  )
  return () => offs.forEach((off) => off())
}
