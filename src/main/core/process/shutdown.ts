// Shutdown: every running tree stopped within a bound (what is left then gets SIGKILL), and a
// synchronous SIGKILL of every tree when the host process exits, however it exits.
import type { KillResult } from '@shared/domain'
import { sleep } from '../../os/sleep'
import type { RunningJobs } from './runningJobs'
import type { TreeStops } from './treeStops'

/** Stops every running job within `timeoutMs`, each with at most `graceMs` before SIGKILL. */
export async function stopAllWithin(
  stops: TreeStops,
  jobs: RunningJobs,
  o: { reason: string; timeoutMs: number; graceMs: number }
): Promise<KillResult[]> {
  const ids = jobs.aliveIds()
  const all = Promise.all(ids.map((id) => stops.stop(id, { reason: o.reason, graceMs: o.graceMs })))
  const timedOut = sleep(o.timeoutMs, { unref: true }).then(() => null)
  const results = await Promise.race([all, timedOut])
  if (results) return results
  stops.killAllSync()
  return ids.map((jobId) => ({
    jobId,
    killed: [],
    escalated: true,
    durationMs: o.timeoutMs,
    alreadyStopped: false,
    survivors: jobs.get(jobId)?.alive ? [jobs.get(jobId)?.pid ?? 0] : []
  }))
}

/** Runs `killAll` on the host's 'exit' (synchronous by necessity: nothing async runs then). */
export class ExitGuard {
  private uninstall: (() => void) | null = null

  constructor(private readonly killAll: () => void) {}

  /** Installs it once; returns the uninstaller (the same one on a second call). */
  install(): () => void {
    if (this.uninstall) return this.uninstall
    const guard = (): void => this.killAll()
    process.on('exit', guard)
    this.uninstall = () => {
      process.off('exit', guard)
      this.uninstall = null
    }
    return this.uninstall
  }

  dispose(): void {
    this.uninstall?.()
  }
}
