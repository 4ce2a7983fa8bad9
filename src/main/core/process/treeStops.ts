// Stopping a job's tree: the group and every descendant that left it, SIGTERM → SIGKILL,
// confirmed, then the job marked cancelled. One stop per job at a time (a second call gets the
// first's result); a job this host does not run is stopped from its recorded row.
import { nothingKilled, type KillResult } from '@shared/domain'
import type { JobRepository } from '../db/jobRepository'
import type { OutcomeLedger } from '../db/outcomes'
import { killTree, killTreeSync } from '../../os/killTree'
import { sleep } from '../../os/sleep'
import type { JobMetrics } from './jobMetrics'
import { stopForeignTree } from './recordedJob'
import type { RunningJobs } from './runningJobs'
import { removeWorkFolderIfUnneeded } from './workFolders'

export interface TreeStopsDeps {
  jobs: RunningJobs
  metrics: Pick<JobMetrics, 'members'>
  repo: JobRepository
  outcomes: OutcomeLedger
  dataDir: string
  graceMs: number
}

export class TreeStops {
  private readonly stopping = new Map<number, Promise<KillResult>>()

  constructor(private readonly d: TreeStopsDeps) {}

  /** Stops the whole tree, then marks the job cancelled. Concurrent/repeated calls are safe. */
  stop(jobId: number, o: { reason: string; graceMs?: number }): Promise<KillResult> {
    const inFlight = this.stopping.get(jobId)
    if (inFlight) return inFlight
    const promise = this.stopTree(jobId, o.reason, o.graceMs ?? this.d.graceMs).finally(() =>
      this.stopping.delete(jobId)
    )
    this.stopping.set(jobId, promise)
    return promise
  }

  /** A stop of this job is under way (it sweeps and records the cancel itself). */
  inFlight(jobId: number): boolean {
    return this.stopping.has(jobId)
  }

  get size(): number {
    return this.stopping.size
  }

  /** Removes the job's work folder if its job no longer needs it (see isWorkFolderNeeded). */
  tidyWorkFolder(jobId: number): void {
    try {
      removeWorkFolderIfUnneeded(this.d.dataDir, this.d.repo.getJob(jobId), jobId)
    } catch (error) {
      // The next sweep (reaper, startup) tries again.
      console.error(`[process] job ${jobId}: work folder not removed: ${String(error)}`)
    }
  }

  /** SIGKILL to every live tree at once, synchronously (the host is about to exit). */
  killAllSync(): void {
    for (const job of this.d.jobs.alive()) {
      job.stoppedByUs = true
      killTreeSync({ ...job.treeRef(), knownMembers: this.d.metrics.members(job.jobId) })
    }
  }

  private async stopTree(jobId: number, reason: string, graceMs: number): Promise<KillResult> {
    const job = this.d.jobs.get(jobId)
    let result: KillResult
    if (job?.alive) {
      job.stoppedByUs = true
      job.stopReason ??= reason
      job.sink.note(`stopping: ${reason}`)
      job.requestStop()
      const killed = await killTree({
        ...job.treeRef(),
        graceMs,
        knownMembers: this.d.metrics.members(jobId)
      })
      // It was running when asked: told to stop on its stdin, it may be gone before the tree is
      // read (nothing left to kill), and it was still this request that stopped it.
      result = { ...killed, alreadyStopped: false }
      await Promise.race([job.rootExited, sleep(2000, { unref: true })])
    } else {
      // Not ours (another process owns it) or already exited: act on the recorded row.
      const row = this.d.repo.getJob(jobId)
      if (!job && row?.status === 'processing')
        return stopForeignTree(this.d.repo, row, reason, graceMs)
      result = nothingKilled(jobId)
    }
    this.d.outcomes.record(jobId, { status: 'cancelled', reason })
    this.tidyWorkFolder(jobId)
    return result
  }
}
