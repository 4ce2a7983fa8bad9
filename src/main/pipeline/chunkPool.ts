// The one pool for a job's chunks (local only, or local and endpoints alike). Spreads them over
// every server that can take them: the local engine (≤ `processes`
// at once) and each endpoint (≤ its concurrency). An endpoint's failure puts the chunk back for
// any server to take and pauses that endpoint (Retry-After, else exponential backoff); after
// repeated failures, or one that retrying cannot fix (key, model, redirect), the endpoint is
// dropped for the rest of the job. The job fails only when no server is left, with every reason.
// A local failure still fails the job at once, as before. Aborting the signal stops everything.
import { backoffMs } from '@shared/backoff'
import { EndpointError } from '../engines/endpointProtocol'
import { sleep } from '../os/sleep'

export interface ChunkServer<T> {
  /** For logs: the engine name or the endpoint's host and path. */
  name: string
  slots: number
  isEndpoint: boolean
  /** `retry`: the loop guard's re-run of a chunk (loopGuard.ts), with its fallbacks. */
  run(index: number, signal: AbortSignal, retry?: { temperature: number }): Promise<T>
}

/** Every server was dropped with chunks still to do. */
export class ServersExhaustedError extends Error {}

export interface ChunkPoolOptions {
  log?: (line: string) => void
  /** Consecutive failures after which an endpoint is dropped. */
  maxFailures?: number
  /** First backoff; doubled per consecutive failure, capped at 30 s. */
  backoffMs?: number
}

interface ServerState {
  failures: number
  pausedUntil: number
  dropped: string | null
}

const isAborted = (signal: AbortSignal): boolean => signal.aborted

/** Runs chunks 0..count-1 on `servers`; resolves with their results in chunk order. */
export async function runChunkPool<T>(
  count: number,
  servers: ChunkServer<T>[],
  parentSignal: AbortSignal,
  o: ChunkPoolOptions = {}
): Promise<T[]> {
  const pool = new ChunkPool(count, servers, o)
  const forwardAbort = (): void => pool.controller.abort()
  parentSignal.addEventListener('abort', forwardAbort, { once: true })
  if (parentSignal.aborted) pool.controller.abort()
  try {
    await Promise.all(
      servers.flatMap((s) => Array.from({ length: Math.max(1, s.slots) }, () => pool.lane(s)))
    )
  } finally {
    parentSignal.removeEventListener('abort', forwardAbort)
  }
  if (pool.failure !== null) throw pool.failure
  if (parentSignal.aborted) throw new Error('cancelled')
  return pool.results
}

/** One run's shared state: the chunks still to do, each server's health, the first failure. */
class ChunkPool<T> {
  readonly controller = new AbortController()
  readonly results: T[]
  failure: unknown = null
  private readonly queue: number[]
  private readonly states: Map<ChunkServer<T>, ServerState>
  private remaining: number
  private wake: () => void = () => undefined
  private changed = new Promise<void>((r) => (this.wake = r))

  constructor(
    count: number,
    private readonly servers: ChunkServer<T>[],
    private readonly o: ChunkPoolOptions
  ) {
    this.queue = Array.from({ length: count }, (_, i) => i)
    this.results = new Array<T>(count)
    this.remaining = count
    this.states = new Map(servers.map((s) => [s, { failures: 0, pausedUntil: 0, dropped: null }]))
    this.controller.signal.addEventListener('abort', () => this.notify(), { once: true })
  }

  /** One of a server's slots: takes chunks until none is left, the run stops, or it is dropped. */
  async lane(server: ChunkServer<T>): Promise<void> {
    const state = this.states.get(server)!
    const { signal } = this.controller
    for (;;) {
      if (signal.aborted || this.remaining === 0 || state.dropped) return
      const pause = state.pausedUntil - Date.now()
      if (pause > 0) {
        await Promise.race([sleep(pause, { signal }), this.changed])
        continue
      }
      const index = this.queue.shift()
      if (index === undefined) {
        await this.changed
        continue
      }
      try {
        this.results[index] = await server.run(index, signal)
        this.remaining--
        state.failures = 0
      } catch (error) {
        // Read again: the await above may have outlived an abort.
        if (isAborted(signal)) return
        if (server.isEndpoint && error instanceof EndpointError)
          this.onEndpointFailure(server, state, index, error)
        else this.fail(error)
      }
      this.notify()
    }
  }

  private notify(): void {
    const previous = this.wake
    this.changed = new Promise<void>((r) => (this.wake = r))
    previous()
  }

  private fail(error: unknown): void {
    if (this.failure === null) this.failure = error
    this.controller.abort()
  }

  private onEndpointFailure(
    server: ChunkServer<T>,
    state: ServerState,
    index: number,
    error: EndpointError
  ): void {
    this.queue.unshift(index)
    state.failures++
    if (state.dropped) return
    if (error.fatal || state.failures >= (this.o.maxFailures ?? 4)) {
      this.drop(server, state, index, error.message)
      return
    }
    const backoff = { firstMs: this.o.backoffMs ?? 500, maxMs: 30_000 }
    const wait = error.retryAfterMs ?? backoffMs(state.failures - 1, backoff)
    state.pausedUntil = Math.max(state.pausedUntil, Date.now() + wait)
    this.o.log?.(
      `endpoint ${server.name}: chunk ${index + 1} failed (${error.message}); ` +
        `retrying in ${(wait / 1000).toFixed(1)} s${error.retryAfterMs !== null ? ' (Retry-After)' : ''}`
    )
  }

  private drop(server: ChunkServer<T>, state: ServerState, index: number, reason: string): void {
    state.dropped = reason
    this.o.log?.(`endpoint ${server.name} dropped for the rest of the job: ${reason}`)
    const left = this.servers.filter((s) => !this.states.get(s)?.dropped)
    if (left.length === 0) {
      const reasons = this.servers.map((s) => `${s.name}: ${this.states.get(s)?.dropped}`)
      this.fail(new ServersExhaustedError(`every endpoint failed (${reasons.join('; ')})`))
    } else {
      this.o.log?.(`chunk ${index + 1} and the rest go to ${left.map((s) => s.name).join(', ')}`)
    }
  }
}
