// The one wait. `unref` is for deadlines raced against the real work ("the root exited, or 2 s
// passed"), which must not hold a quitting process open; a wait that IS the work (a poll, a
// backoff) keeps it alive. An aborted signal ends the wait early; it never rejects.
import { setTimeout as wait } from 'node:timers/promises'

export interface SleepOptions {
  signal?: AbortSignal
  unref?: boolean
}

export async function sleep(ms: number, o: SleepOptions = {}): Promise<void> {
  try {
    await wait(ms, undefined, { ref: o.unref !== true, signal: o.signal })
  } catch (error) {
    if (!o.signal?.aborted) throw error
  }
}
