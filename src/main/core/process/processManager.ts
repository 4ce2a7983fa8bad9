// The ProcessManager: one object for the hosts and the service over the parts that run a job's
// tree: spawning it in its own process group (spawnInGroup.ts), tracking it while it runs
// (runningJobs.ts, runningJob.ts: identity → database, logs, structured events, exit),
// sampling it (jobMetrics.ts), stopping it (treeStops.ts), shutting everything down
// (shutdown.ts) and keeping the rows honest (rowUpkeep.ts: heartbeat, reaper).
// It never decides completed/failed — the service layer does that on 'exit'; the manager only
// marks a job cancelled when it stopped the tree itself.
import type { ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { KillResult, MetricsSample, ProcessStatus } from '@shared/domain'
import { dataPaths, jobLogPath } from '../paths'
import { OutcomeLedger, OutcomeSlots } from '../db/outcomes'
import { readLogTail } from '../../os/logTail'
import { SHUTDOWN_TIMEOUT_MS, STOP_GRACE_MS } from '../../os/stopTimings'
import { TypedEvents } from '../../os/typedEvents'
import { JobMetrics } from './jobMetrics'
import type { ReapResult, SweepResult } from './orphanReaper'
import type {
  ProcessManagerEvents,
  ProcessManagerOptions,
  Registered,
  SpawnJobOptions
} from './processManagerTypes'
import { RowUpkeep } from './rowUpkeep'
import { RunningJob } from './runningJob'
import { RunningJobs } from './runningJobs'
import { ExitGuard, stopAllWithin } from './shutdown'
import { spawnInOwnGroup } from './spawnInGroup'
import { TreeStops } from './treeStops'

export type {
  JobExit,
  ProcessManagerEvents,
  ProcessManagerOptions,
  Registered,
  SpawnJobOptions
} from './processManagerTypes'

export class ProcessManager {
  private readonly jobs = new RunningJobs()
  private readonly events = new TypedEvents<ProcessManagerEvents>('process manager')
  private readonly metrics: JobMetrics
  private readonly stops: TreeStops
  private readonly upkeep: RowUpkeep
  private readonly exitGuard: ExitGuard
  private readonly graceMs: number
  /** Exits being reported (finishExit): dispose waits for them, their listeners use the database. */
  private readonly finishing = new Set<Promise<void>>()
  /** Final statuses go through here, so a refused write is held and retried, never lost. */
  readonly outcomes: OutcomeLedger

  constructor(private readonly o: ProcessManagerOptions) {
    this.graceMs = o.graceMs ?? STOP_GRACE_MS
    this.outcomes = new OutcomeLedger({
      repo: o.repo,
      slots: new OutcomeSlots(dataPaths(o.dataDir).outcomes),
      onUnsaved: (pending) => this.events.emit('outcomeHeld', pending),
      onSaved: (pending) => this.events.emit('outcomeSaved', pending)
    })
    this.metrics = new JobMetrics(this.jobs, {
      intervalMs: o.metricsIntervalMs,
      onSample: (s) => this.events.emit('metrics', s)
    })
    this.stops = new TreeStops({
      jobs: this.jobs,
      metrics: this.metrics,
      repo: o.repo,
      outcomes: this.outcomes,
      dataDir: o.dataDir,
      graceMs: this.graceMs
    })
    this.upkeep = new RowUpkeep({
      o,
      jobs: this.jobs,
      graceMs: this.graceMs,
      onApplied: (applied) => this.events.emit('outcomesApplied', applied),
      onReaped: (reaped) => this.events.emit('reaped', reaped)
    })
    this.exitGuard = new ExitGuard(() => this.stops.killAllSync())
  }

  on<K extends keyof ProcessManagerEvents>(
    event: K,
    listener: (payload: ProcessManagerEvents[K]) => void
  ): () => void {
    return this.events.on(event, listener)
  }

  spawnJob(o: SpawnJobOptions): Registered {
    this.jobs.assertFree(o.jobId)
    mkdirSync(dirname(this.getLogPath(o.jobId)), { recursive: true })
    const child = spawnInOwnGroup(o)
    return this.registerProcess(o.jobId, child, [o.command, ...o.args], o)
  }

  /** Takes over a spawned child: identity → DB, logs, events, metrics, exit handling. */
  registerProcess(
    jobId: number,
    child: ChildProcess,
    command: string[],
    owner: { ownerId?: string; keepInBackground?: boolean } = {}
  ): Registered {
    this.jobs.assertFree(jobId)
    const job = new RunningJob({
      jobId,
      child,
      command,
      logPath: this.getLogPath(jobId),
      ownerId: owner.ownerId ?? this.o.instanceId,
      keepInBackground: owner.keepInBackground ?? false,
      maxLogBytes: this.o.maxLogBytes,
      onLog: (batch) => this.events.emit('log', batch),
      onEvent: (event) => this.events.emit('pipelineEvent', { jobId, event })
    })
    this.jobs.add(job)
    if (this.o.settings().processTracking) {
      job.registered = this.o.repo.registerProcess(jobId, {
        pid: job.pid,
        startTime: job.startTime,
        pgid: job.pgid,
        logPath: job.logPath,
        ownerInstance: this.o.instanceId,
        ownerPid: process.pid
      })
    }
    if (job.keepInBackground) this.o.repo.setKeepInBackground(jobId, true)
    void job.rootExited.then(() => {
      const finished = this.finishExit(job)
      this.finishing.add(finished)
      void finished.finally(() => this.finishing.delete(finished))
    })
    this.metrics.start()
    return { pid: job.pid, logPath: job.logPath, registered: job.registered }
  }

  isProcessRunning(jobId: number): boolean {
    return this.jobs.isAlive(jobId)
  }

  getProcessStatus(jobId: number): Promise<ProcessStatus> {
    return this.metrics.status(jobId, () => this.o.repo.getJob(jobId))
  }

  getMetricsHistory(jobId: number): MetricsSample[] {
    return this.metrics.history(jobId)
  }

  getLogPath(jobId: number): string {
    return (
      this.jobs.get(jobId)?.logPath ??
      this.o.repo.getJob(jobId)?.log_file_path ??
      jobLogPath(this.o.dataDir, jobId)
    )
  }

  /** Last `lines` lines of the job's log (also for finished jobs; reaches into `.1` if rotated). */
  async getLogs(jobId: number, lines: number): Promise<string[]> {
    return readLogTail(this.getLogPath(jobId), lines)
  }

  /** Stops the whole tree, then marks the job cancelled. Concurrent/repeated calls are safe. */
  killProcessTree(jobId: number, o: { reason: string; graceMs?: number }): Promise<KillResult> {
    return this.stops.stop(jobId, o)
  }

  /** Removes the job's work folder if its job no longer needs it (see isWorkFolderNeeded). */
  tidyWorkFolder(jobId: number): void {
    this.stops.tidyWorkFolder(jobId)
  }

  setKeepInBackground(jobId: number, keep: boolean): void {
    const job = this.jobs.get(jobId)
    if (job) job.keepInBackground = keep
    this.o.repo.setKeepInBackground(jobId, keep)
  }

  ownerOf(jobId: number): string | null {
    return this.jobs.get(jobId)?.ownerId ?? null
  }

  runningJobIds(): number[] {
    return this.jobs.aliveIds()
  }

  /** The jobs this owner runs here that stop when it goes away (not kept in background). */
  releasableJobs(ownerId: string): number[] {
    return this.jobs.releasable(ownerId)
  }

  /** Stops everything within `timeoutMs` (default SHUTDOWN_TIMEOUT_MS); what is left then gets SIGKILL. */
  stopAll(reason: string, o: { timeoutMs?: number } = {}): Promise<KillResult[]> {
    const timeoutMs = o.timeoutMs ?? SHUTDOWN_TIMEOUT_MS
    const graceMs = Math.min(this.graceMs, Math.floor(timeoutMs / 2))
    return stopAllWithin(this.stops, this.jobs, { reason, timeoutMs, graceMs })
  }

  /** Writes last_heartbeat for all of this instance's running jobs in one transaction. */
  startHeartbeat(): void {
    this.upkeep.startHeartbeat()
  }

  /** Reaps orphans now and then every `intervalMs`. */
  startReaper(intervalMs = 60_000): void {
    this.upkeep.startReaper(intervalMs)
  }

  /** One reap at a time: a call while one runs gets that reap's results. */
  cleanupOrphanedProcesses(timeoutSeconds: number): Promise<ReapResult[]> {
    return this.sweep(timeoutSeconds).then((result) => result.reaped)
  }

  /** The same reap, with everything it did (the CLI's `reap` prints the swept folders too). */
  sweep(timeoutSeconds: number): Promise<SweepResult> {
    return this.upkeep.sweep(timeoutSeconds)
  }

  /** What it holds in memory (tests check it stays bounded however many jobs ran). */
  footprint(): { jobs: number; stopping: number; histories: number } {
    return {
      jobs: this.jobs.size,
      stopping: this.stops.size,
      histories: this.metrics.trackedCount()
    }
  }

  /** Synchronous SIGKILL of every running tree when the host process exits, however it exits. */
  installExitGuard(): () => void {
    return this.exitGuard.install()
  }

  /** Stops timers and closes log files (running jobs are not stopped: call stopAll first). */
  async dispose(): Promise<void> {
    // A job stopped just before (its root gone, its exit not yet reported) is reported first:
    // the exit's listeners write to the database, which closes after this.
    await Promise.allSettled(this.finishing)
    this.outcomes.dispose()
    this.metrics.stop()
    this.upkeep.stop()
    this.exitGuard.dispose()
    await Promise.all(this.jobs.all().map((j) => j.sink.close()))
  }

  /** After the root exits: sweep stragglers it left behind, flush the log, report. */
  private async finishExit(job: RunningJob): Promise<void> {
    // A killProcessTree in flight sweeps (and records the cancel) itself.
    const treeStopInFlight = this.stops.inFlight(job.jobId)
    try {
      await job.settle({
        sweepStragglers: !treeStopInFlight,
        graceMs: this.graceMs,
        knownMembers: this.metrics.members(job.jobId)
      })
    } catch (error) {
      // Whatever went wrong tidying up, the exit must still be reported (it frees the slot).
      console.error(`[process] job ${job.jobId}: settling after exit failed: ${String(error)}`)
    }
    if (job.stopReason !== null && !treeStopInFlight)
      this.outcomes.record(job.jobId, { status: 'cancelled', reason: job.stopReason })
    const info = job.exitInfo ?? { code: null, signal: null }
    this.events.emit('exit', {
      jobId: job.jobId,
      code: info.code,
      signal: info.signal,
      stoppedByUs: job.stoppedByUs,
      lastStderr: job.sink.lastStderr()
    })
    // An ended job leaves the table (its row is the record now); its metrics history stays a while.
    this.jobs.remove(job)
    this.metrics.retire(job.jobId)
  }
}
