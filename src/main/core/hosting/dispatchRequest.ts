// The one place a host turns an untrusted (channel, input) pair into a handler call. Both the
// Electron ipcMain handlers and the browser host's WebSocket use it, so validation and error
// shape are identical: a malformed call or a thrown error becomes `{ ok: false, error }`, never a
// crash or an unhandled rejection.
import {
  isRequestChannel,
  parseRequest,
  type IpcResult,
  type RequestChannel,
  type RequestContext,
  type RequestHandlers
} from '@shared/ipc/contract'
import { oneLineError } from '@shared/errors'

export async function dispatchRequest(
  handlers: RequestHandlers,
  channel: unknown,
  input: unknown,
  ctx: RequestContext
): Promise<IpcResult<unknown>> {
  if (!isRequestChannel(channel)) {
    return { ok: false, error: `unknown channel: ${String(channel).slice(0, 100)}` }
  }
  const parsed = parseRequest(channel, input)
  if (!parsed.ok) return parsed
  try {
    const handler = handlers[channel] as (input: unknown, ctx: RequestContext) => Promise<unknown>
    return { ok: true, value: await handler(parsed.value, ctx) }
  } catch (error) {
    return { ok: false, error: oneLineError(error) }
  }
}

export type { RequestChannel }
