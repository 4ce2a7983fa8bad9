// The ProcessManager: spawns a job's pipeline in its own process group, records its identity,
// streams its logs and structured events, samples its whole tree, stops it (group + setsid
// leavers, escalating, verified), and keeps the database honest (heartbeat, reaper).
// It never decides completed/failed — the service layer does that on 'exit'; the manager only
// marks a job cancelled when it stopped the tree itself.
import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import {
  nothingKilled,
  notRunning,
  type KillResult,
  type MetricsSample,
  type ProcessStatus
} from '@shared/domain'
import { dataPaths, jobLogPath } from '../paths'
import {
  applyPendingOutcomes,
  OutcomeLedger,
  OutcomeSlots,
  type AppliedOutcome
} from '../db/outcomes'
import { removeWorkFolderIfUnneeded } from './workFolders'
import { killTree, killTreeSync } from '../../os/killTree'
import { readLogTail } from '../../os/logTail'
import { measureTreeNow, MetricsSampler, statusFromSample } from './metricsSampler'
import { reapAndSweep, type ReapResult, type SweepResult } from './orphanReaper'
import { recordedStatus, stopForeignTree } from './recordedJob'
import type {
  ProcessManagerEvents,
  ProcessManagerOptions,
  Registered,
  SpawnJobOptions
} from './processManagerTypes'
import { repeatEvery } from '../../os/repeatEvery'
import { sleep } from '../../os/sleep'
import { RunningJob } from './runningJob'
import { TypedEvents } from '../../os/typedEvents'

export type {
  JobExit,
  ProcessManagerEvents,
  ProcessManagerOptions,
  Registered,
  SpawnJobOptions
} from './processManagerTypes'
import { SHUTDOWN_TIMEOUT_MS, STOP_GRACE_MS } from '../../os/stopTimings'

export class ProcessManager {
  private readonly jobs = new Map<number, RunningJob>()
  private readonly stopping = new Map<number, Promise<KillResult>>()
  /** Ended jobs whose sparkline history is still kept, oldest first (at most KEEP_ENDED). */
  private readonly ended: number[] = []
  private reaping: Promise<SweepResult> | null = null
  private readonly events = new TypedEvents<ProcessManagerEvents>('process manager')
  private readonly sampler: MetricsSampler
  private readonly graceMs: number
  private stopHeartbeat: (() => void) | null = null
  private stopReaper: (() => void) | null = null
  private uninstallExitGuard: (() => void) | null = null
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
    this.sampler = new MetricsSampler({
      intervalMs: o.metricsIntervalMs,
      jobs: () => [...this.jobs.values()].filter((j) => j.alive).map((j) => j.treeRef()),
      onSample: (s) => this.events.emit('metrics', s)
    })
  }

  on<K extends keyof ProcessManagerEvents>(
    event: K,
    listener: (payload: ProcessManagerEvents[K]) => void
  ): () => void {
    return this.events.on(event, listener)
  }

  spawnJob(o: SpawnJobOptions): Registered {
    if (this.jobs.get(o.jobId)?.alive)
      throw new Error(`job ${o.jobId} already has a running process`)
    const logPath = this.getLogPath(o.jobId)
    mkdirSync(dirname(logPath), { recursive: true })
    const child = spawn(o.command, o.args, {
      cwd: o.cwd,
      // A copy: never hand the host's own process.env to a child, so what one job's launch adds
      // (an API key) can never leak into the host or the next child.
      env: { ...(o.env ?? process.env) },
      // Own process group, so one signal reaches the whole tree.
      detached: process.platform !== 'win32',
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      windowsHide: true
    })
    // Without a listener a failed spawn's 'error' event would crash the host.
    // Set by the 'error' listener (`as`: so TypeScript does not narrow it to null below).
    let spawnError = null as Error | null
    child.on('error', (err) => (spawnError = err))
    if (child.pid === undefined) {
      // 'error' arrives on a later tick: name the reason now from the file itself.
      throw new Error(`cannot start ${o.command}: ${spawnError ?? whySpawnFails(o.command)}`)
    }
    return this.registerProcess(o.jobId, child, [o.command, ...o.args], o)
  }

  /** Takes over a spawned child: identity → DB, logs, events, metrics, exit handling. */
  registerProcess(
    jobId: number,
    child: ChildProcess,
    command: string[],
    owner: { ownerId?: string; keepInBackground?: boolean } = {}
  ): Registered {
    if (this.jobs.get(jobId)?.alive) throw new Error(`job ${jobId} already has a running process`)
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
    this.jobs.set(jobId, job)
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
    void job.rootExited.then(() => this.finishExit(job))
    this.sampler.start()
    return { pid: job.pid, logPath: job.logPath, registered: job.registered }
  }

  isProcessRunning(jobId: number): boolean {
    return this.jobs.get(jobId)?.alive ?? false
  }

  async getProcessStatus(jobId: number): Promise<ProcessStatus> {
    const job = this.jobs.get(jobId)
    if (job?.alive) {
      const latest = this.sampler.latest(jobId)
      if (latest && Date.now() - latest.at < 2500) return statusFromSample(latest, job.pid)
      return measureTreeNow(job.treeRef(), 250)
    }
    const row = this.o.repo.getJob(jobId)
    if (row && row.status === 'processing' && !job) return recordedStatus(row)
    const pid = job?.pid ?? row?.process_id ?? null
    return notRunning(pid)
  }

  getMetricsHistory(jobId: number): MetricsSample[] {
    return this.sampler.history(jobId)
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
    const inFlight = this.stopping.get(jobId)
    if (inFlight) return inFlight
    const promise = this.stopTree(jobId, o.reason, o.graceMs ?? this.graceMs).finally(() =>
      this.stopping.delete(jobId)
    )
    this.stopping.set(jobId, promise)
    return promise
  }

  private async stopTree(jobId: number, reason: string, graceMs: number): Promise<KillResult> {
    const job = this.jobs.get(jobId)
    let result: KillResult
    if (job?.alive) {
      job.stoppedByUs = true
      job.stopReason ??= reason
      job.sink.note(`stopping: ${reason}`)
      job.requestStop()
      result = await killTree({
        ...job.treeRef(),
        graceMs,
        knownMembers: this.sampler.members(jobId)
      })
      await Promise.race([job.rootExited, sleep(2000, { unref: true })])
    } else {
      // Not ours (another process owns it) or already exited: act on the recorded row.
      const row = this.o.repo.getJob(jobId)
      if (!job && row?.status === 'processing')
        return stopForeignTree(this.o.repo, row, reason, graceMs)
      result = nothingKilled(jobId)
    }
    this.outcomes.record(jobId, { status: 'cancelled', reason })
    this.tidyWorkFolder(jobId)
    return result
  }

  /** Removes the job's work folder if its job no longer needs it (see isWorkFolderNeeded). */
  tidyWorkFolder(jobId: number): void {
    try {
      removeWorkFolderIfUnneeded(this.o.dataDir, this.o.repo.getJob(jobId), jobId)
    } catch (error) {
      // The next sweep (reaper, startup) tries again.
      console.error(`[process] job ${jobId}: work folder not removed: ${String(error)}`)
    }
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
    return [...this.jobs.values()].filter((j) => j.alive).map((j) => j.jobId)
  }

  /** The jobs this owner runs here that stop when it goes away (not kept in background). */
  releasableJobs(ownerId: string): number[] {
    return [...this.jobs.values()]
      .filter((j) => j.alive && j.ownerId === ownerId && !j.keepInBackground)
      .map((j) => j.jobId)
  }

  /** Stops everything within `timeoutMs` (default SHUTDOWN_TIMEOUT_MS); what is left then gets SIGKILL. */
  async stopAll(reason: string, o: { timeoutMs?: number } = {}): Promise<KillResult[]> {
    const timeoutMs = o.timeoutMs ?? SHUTDOWN_TIMEOUT_MS
    const graceMs = Math.min(this.graceMs, Math.floor(timeoutMs / 2))
    const ids = this.runningJobIds()
    const all = Promise.all(ids.map((id) => this.killProcessTree(id, { reason, graceMs })))
    const timedOut = sleep(timeoutMs, { unref: true }).then(() => null)
    const results = await Promise.race([all, timedOut])
    if (results) return results
    this.killAllSync()
    return ids.map((jobId) => ({
      jobId,
      killed: [],
      escalated: true,
      durationMs: timeoutMs,
      alreadyStopped: false,
      survivors: this.jobs.get(jobId)?.alive ? [this.jobs.get(jobId)?.pid ?? 0] : []
    }))
  }

  /** Writes last_heartbeat for all of this instance's running jobs in one transaction. */
  startHeartbeat(): void {
    this.stopHeartbeat ??= repeatEvery(
      () => {
        if (!this.o.settings().processTracking) return
        const ids = this.runningJobIds().filter((id) => this.jobs.get(id)?.registered)
        this.o.repo.updateHeartbeat(ids)
      },
      () => this.o.settings().heartbeatIntervalSeconds * 1000,
      'heartbeat'
    )
  }

  /** Reaps orphans now and then every `intervalMs`. */
  startReaper(intervalMs = 60_000): void {
    this.stopReaper ??= repeatEvery(
      () => this.cleanupOrphanedProcesses(this.o.settings().orphanTimeoutSeconds),
      () => intervalMs,
      'reaper'
    )
  }

  /** One reap at a time: a call while one runs gets that reap's results. */
  cleanupOrphanedProcesses(timeoutSeconds: number): Promise<ReapResult[]> {
    return this.sweep(timeoutSeconds).then((result) => result.reaped)
  }

  /** The same reap, with everything it did (the CLI's `reap` prints the swept folders too). */
  sweep(timeoutSeconds: number): Promise<SweepResult> {
    this.reaping ??= this.reapOnce(timeoutSeconds).finally(() => (this.reaping = null))
    return this.reaping
  }

  /** What it holds in memory (tests check it stays bounded however many jobs ran). */
  footprint(): { jobs: number; stopping: number; histories: number } {
    return {
      jobs: this.jobs.size,
      stopping: this.stopping.size,
      histories: this.sampler.trackedCount()
    }
  }

  private async reapOnce(timeoutSeconds: number): Promise<SweepResult> {
    const settings = this.o.settings()
    const onApplied = (applied: AppliedOutcome[]): void =>
      this.events.emit('outcomesApplied', applied)
    if (!settings.processTracking) {
      const applied = applyPendingOutcomes(this.o.dataDir, this.o.repo)
      if (applied.length > 0) onApplied(applied)
      return { applied, reaped: [], sweptFolders: [] }
    }
    const result = await reapAndSweep(this.o.repo, this.o.dataDir, {
      onApplied,
      timeoutSeconds,
      heartbeatIntervalSeconds: settings.heartbeatIntervalSeconds,
      graceMs: this.graceMs,
      isOwnedHere: (row) =>
        this.jobs.get(row.id)?.alive === true || row.owner_instance === this.o.instanceId
    })
    if (result.reaped.length > 0) this.events.emit('reaped', result.reaped)
    return result
  }

  /** Synchronous SIGKILL of every running tree when the host process exits, however it exits. */
  installExitGuard(): () => void {
    if (this.uninstallExitGuard) return this.uninstallExitGuard
    const guard = (): void => this.killAllSync()
    process.on('exit', guard)
    this.uninstallExitGuard = () => {
      process.off('exit', guard)
      this.uninstallExitGuard = null
    }
    return this.uninstallExitGuard
  }

  /** Stops timers and closes log files (running jobs are not stopped: call stopAll first). */
  async dispose(): Promise<void> {
    this.outcomes.dispose()
    this.sampler.stop()
    this.stopHeartbeat?.()
    this.stopReaper?.()
    this.stopHeartbeat = this.stopReaper = null
    this.uninstallExitGuard?.()
    await Promise.all([...this.jobs.values()].map((j) => j.sink.close()))
  }

  private killAllSync(): void {
    for (const job of this.jobs.values()) {
      if (!job.alive) continue
      job.stoppedByUs = true
      killTreeSync({ ...job.treeRef(), knownMembers: this.sampler.members(job.jobId) })
    }
  }

  /** After the root exits: sweep stragglers it left behind, flush the log, report. */
  private async finishExit(job: RunningJob): Promise<void> {
    const members = this.sampler.members(job.jobId)
    // A killProcessTree in flight sweeps (and records the cancel) itself.
    const treeStopInFlight = this.stopping.has(job.jobId)
    try {
      await job.settle({
        sweepStragglers: !treeStopInFlight,
        graceMs: this.graceMs,
        knownMembers: members
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
    this.retire(job)
  }

  /**
   * An ended job leaves the map (its row is the record now); its metrics history stays for the
   * last KEEP_ENDED jobs, so a job page opened after the end still draws its sparklines.
   */
  private retire(job: RunningJob): void {
    if (this.jobs.get(job.jobId) === job) this.jobs.delete(job.jobId)
    this.ended.push(job.jobId)
    while (this.ended.length > KEEP_ENDED) this.sampler.forget(this.ended.shift() as number)
  }
}

const KEEP_ENDED = 20

/** The reason a command cannot be executed (ENOENT, EACCES …), as the OS names it. */
function whySpawnFails(command: string): string {
  try {
    accessSync(command, constants.X_OK)
    return 'spawn failed'
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    return e.code === 'ENOENT' ? 'ENOENT (no such file)' : (e.code ?? e.message)
  }
}
