// Keeping the job rows honest while this host runs: the heartbeat of its running jobs, and the
// reaper (orphans of a dead or hung owner, outcomes other processes left on disk, scratch
// folders), one reap at a time.
import type { AppliedOutcome } from '../db/outcomes'
import { applyPendingOutcomes } from '../db/outcomes'
import { repeatEvery } from '../../os/repeatEvery'
import { reapAndSweep, type ReapResult, type SweepResult } from './orphanReaper'
import type { ProcessManagerOptions } from './processManagerTypes'
import type { RunningJobs } from './runningJobs'

export interface RowUpkeepDeps {
  o: ProcessManagerOptions
  jobs: RunningJobs
  graceMs: number
  onApplied: (applied: AppliedOutcome[]) => void
  onReaped: (reaped: ReapResult[]) => void
}

export class RowUpkeep {
  private reaping: Promise<SweepResult> | null = null
  private stopHeartbeat: (() => void) | null = null
  private stopReaper: (() => void) | null = null

  constructor(private readonly d: RowUpkeepDeps) {}

  /** Writes last_heartbeat for all of this instance's running jobs in one transaction. */
  startHeartbeat(): void {
    const { o, jobs } = this.d
    this.stopHeartbeat ??= repeatEvery(
      () => {
        if (!o.settings().processTracking) return
        o.repo.updateHeartbeat(
          jobs
            .alive()
            .filter((j) => j.registered)
            .map((j) => j.jobId)
        )
      },
      () => o.settings().heartbeatIntervalSeconds * 1000,
      'heartbeat'
    )
  }

  /** Reaps orphans now and then every `intervalMs`. */
  startReaper(intervalMs: number): void {
    this.stopReaper ??= repeatEvery(
      () => this.sweep(this.d.o.settings().orphanTimeoutSeconds),
      () => intervalMs,
      'reaper'
    )
  }

  /** One reap at a time: a call while one runs gets that reap's results. */
  sweep(timeoutSeconds: number): Promise<SweepResult> {
    this.reaping ??= this.reapOnce(timeoutSeconds).finally(() => (this.reaping = null))
    return this.reaping
  }

  stop(): void {
    this.stopHeartbeat?.()
    this.stopReaper?.()
    this.stopHeartbeat = this.stopReaper = null
  }

  private async reapOnce(timeoutSeconds: number): Promise<SweepResult> {
    const { o, jobs } = this.d
    const settings = o.settings()
    if (!settings.processTracking) {
      const applied = applyPendingOutcomes(o.dataDir, o.repo)
      if (applied.length > 0) this.d.onApplied(applied)
      return { applied, reaped: [], sweptFolders: [] }
    }
    const result = await reapAndSweep(o.repo, o.dataDir, {
      onApplied: this.d.onApplied,
      timeoutSeconds,
      heartbeatIntervalSeconds: settings.heartbeatIntervalSeconds,
      graceMs: this.d.graceMs,
      isOwnedHere: (row) => jobs.isAlive(row.id) || row.owner_instance === o.instanceId
    })
    if (result.reaped.length > 0) this.d.onReaped(result.reaped)
    return result
  }
}
