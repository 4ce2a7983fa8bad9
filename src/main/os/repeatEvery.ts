// A setTimeout chain (not setInterval): a slow or blocked run delays the next one instead of
// stacking up behind it. Runs once at once; a failing run is reported and the chain goes on.
// Timers are unref'd so they never keep a host alive. Returns a stop function.
import { oneLineError } from '@shared/errors'

export function repeatEvery(run: () => unknown, delayMs: () => number, what: string): () => void {
  let timer: NodeJS.Timeout | null = null
  let stopped = false
  const tick = async (): Promise<void> => {
    try {
      await run()
    } catch (err) {
      console.error(`${what} failed: ${oneLineError(err)}`)
    }
    if (stopped) return
    timer = setTimeout(() => void tick(), delayMs())
    timer.unref()
  }
  void tick()
  return () => {
    stopped = true
    if (timer) clearTimeout(timer)
  }
}
