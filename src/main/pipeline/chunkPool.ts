// Spreads a job's chunks over every server that can take them: the local engine (≤ `processes`
// at once) and each remote endpoint (≤ its concurrency). A remote failure puts the chunk back for
// any server to take and pauses that endpoint (Retry-After, else exponential backoff); after
// repeated failures, or one that retrying cannot fix (key, model, redirect), the endpoint is
// dropped for the rest of the job. The job fails only when no server is left, with every reason.
// A local failure still fails the job at once, as before. Aborting the signal stops everything.
import { RemoteError } from '../engines/openaiProtocol'

export interface ChunkServer<T> {
  /** For logs: the engine name or the endpoint's host and path. */
  name: string
  slots: number
  remote: boolean
  run(index: number, signal: AbortSignal): Promise<T>
}

/** Every server was dropped with chunks still to do. */
export class ServersExhaustedError extends Error {}

export interface ChunkPoolOptions {
  log: (line: string) => void
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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(finish, ms)
    function finish(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', finish)
      done()
    }
    signal.addEventListener('abort', finish, { once: true })
  })
}

export async function runChunkPool<T>(
  count: number,
  servers: ChunkServer<T>[],
  parentSignal: AbortSignal,
  o: ChunkPoolOptions
): Promise<T[]> {
  const maxFailures = o.maxFailures ?? 4
  const backoffMs = o.backoffMs ?? 500
  const controller = new AbortController()
  const signal = controller.signal
  const forwardAbort = (): void => controller.abort()
  parentSignal.addEventListener('abort', forwardAbort, { once: true })
  if (parentSignal.aborted) controller.abort()

  const queue = Array.from({ length: count }, (_, i) => i)
  const results = new Array<T>(count)
  const states = new Map(
    servers.map((s) => [s, { failures: 0, pausedUntil: 0, dropped: null } as ServerState])
  )
  let remaining = count
  let failure: unknown = null
  let wake: () => void = () => undefined
  let changed = new Promise<void>((r) => (wake = r))
  const notify = (): void => {
    const previous = wake
    changed = new Promise<void>((r) => (wake = r))
    previous()
  }
  signal.addEventListener('abort', notify, { once: true })

  const fail = (error: unknown): void => {
    if (failure === null) failure = error
    controller.abort()
  }

  const onRemoteFailure = (
    server: ChunkServer<T>,
    state: ServerState,
    index: number,
    error: RemoteError
  ): void => {
    queue.unshift(index)
    state.failures++
    if (state.dropped) return
    if (error.fatal || state.failures >= maxFailures) {
      state.dropped = error.message
      o.log(`endpoint ${server.name} dropped for the rest of the job: ${error.message}`)
      const left = servers.filter((s) => !states.get(s)?.dropped)
      if (left.length === 0) {
        const reasons = servers.map((s) => `${s.name}: ${states.get(s)?.dropped}`).join('; ')
        fail(new ServersExhaustedError(`every endpoint failed (${reasons})`))
      } else {
        o.log(`chunk ${index + 1} and the rest go to ${left.map((s) => s.name).join(', ')}`)
      }
      return
    }
    const wait = error.retryAfterMs ?? Math.min(30_000, backoffMs * 2 ** (state.failures - 1))
    state.pausedUntil = Math.max(state.pausedUntil, Date.now() + wait)
    o.log(
      `endpoint ${server.name}: chunk ${index + 1} failed (${error.message}); ` +
        `retrying in ${(wait / 1000).toFixed(1)} s${error.retryAfterMs !== null ? ' (Retry-After)' : ''}`
    )
  }

  const slot = async (server: ChunkServer<T>): Promise<void> => {
    const state = states.get(server)!
    for (;;) {
      if (signal.aborted || remaining === 0 || state.dropped) return
      const pause = state.pausedUntil - Date.now()
      if (pause > 0) {
        await Promise.race([sleep(pause, signal), changed])
        continue
      }
      const index = queue.shift()
      if (index === undefined) {
        await changed
        continue
      }
      try {
        results[index] = await server.run(index, signal)
        remaining--
        state.failures = 0
      } catch (error) {
        // Read again: the await above may have outlived an abort.
        if (isAborted(signal)) return
        if (server.remote && error instanceof RemoteError)
          onRemoteFailure(server, state, index, error)
        else fail(error)
      }
      notify()
    }
  }

  try {
    await Promise.all(
      servers.flatMap((s) => Array.from({ length: Math.max(1, s.slots) }, () => slot(s)))
    )
  } finally {
    parentSignal.removeEventListener('abort', forwardAbort)
  }
  if (failure !== null) throw failure
  if (parentSignal.aborted) throw new Error('cancelled')
  return results
}
