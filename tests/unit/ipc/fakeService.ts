// A stand-in for the core's service, for adapter unit tests only: each handler answers with what
// it received (so a test sees the validated input and the client id) and counts its calls; one
// channel throws to prove errors come back as data. The e2e tests use the real service.
import { REQUEST_CHANNELS } from '@shared/ipc/channels'
import type {
  EventChannel,
  EventPayloads,
  JobsStoppedNotice,
  RequestChannel,
  RequestContext,
  RequestHandlers
} from '@shared/ipc/contract'
import type { HostedService } from '../../../src/main/core/hosting/hostedService'

export interface FakeService extends HostedService {
  calls: Record<RequestChannel, number>
  released: { clientId: string; reason: string }[]
  emit<E extends EventChannel>(event: E, payload: EventPayloads[E]): void
}

export const THROWING_CHANNEL: RequestChannel = 'jobs.retry'

export function fakeService(): FakeService {
  const calls = Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, 0])) as Record<
    RequestChannel,
    number
  >
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  const handlers = Object.fromEntries(
    REQUEST_CHANNELS.map((channel) => [
      channel,
      async (input: unknown, ctx: RequestContext) => {
        calls[channel]++
        if (channel === THROWING_CHANNEL) throw new Error('job 1 is still running\nstack details')
        return { channel, input, clientId: ctx.clientId }
      }
    ])
  ) as unknown as RequestHandlers
  const released: { clientId: string; reason: string }[] = []
  return {
    handlers,
    calls,
    released,
    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener as (payload: unknown) => void)
      return () => set.delete(listener as (payload: unknown) => void)
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
    async releaseClient(clientId: string, reason: string): Promise<JobsStoppedNotice> {
      released.push({ clientId, reason })
      return { jobs: [], reason }
    },
    async shutdown() {}
  }
}
