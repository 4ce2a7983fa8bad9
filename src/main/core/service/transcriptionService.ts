// The core behind every front-end: the Electron window, the browser host and the CLI all call
// these handlers, so a job started anywhere is created, run, tracked and stopped the same way.
import { randomUUID } from 'node:crypto'
import { basename, resolve } from 'node:path'
import type { JobOptions, JobRow, KillResult } from '@shared/domain'
import type {
  EventChannel,
  EventPayloads,
  JobsStoppedNotice,
  RequestContext,
  RequestHandlers
} from '@shared/ipc/contract'
import { openStore } from '../db/openDataDir'
import type { PendingOutcome } from '../db/outcomeLedger'
import { withHeldOutcome } from './heldOutcome'
import { dataPaths } from '../paths'
import { ProcessManager } from '../process/processManager'
import { listEngines } from '../../engines/registry'
import { EventHub } from './eventHub'
import { inputProblem } from './inputCheck'
import { outputFilesOf, readTranscript, removeJobFiles } from './jobOutputs'
import { JobRunner } from './jobRunner'
import { JobScheduler } from './jobScheduler'

/** What only a desktop host can do (Electron's shell); other hosts leave it out. */
export interface DesktopActions {
  openPath(path: string): Promise<boolean>
  revealPath(path: string): boolean
}

export interface TranscriptionServiceOptions {
  dataDir: string
  desktop?: DesktopActions
}

export interface TranscriptionService {
  readonly dataDir: string
  readonly handlers: RequestHandlers
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
  /** A client went away (window closed or reloaded, socket closed): stop its jobs unless kept. */
  releaseClient(clientId: string, reason: string): Promise<JobsStoppedNotice>
  /** Heartbeat, and the reaper (which runs once at once). */
  start(): Promise<void>
  /** Stops everything, keep-in-background jobs too, within timeoutMs; then closes the database. */
  shutdown(reason: string, timeoutMs?: number): Promise<void>
  /** Resolves when every listed job has reached a final status (held in memory counts). */
  waitForJobs(ids: number[]): Promise<JobRow[]>
  /** Final statuses the database refused and still refuses (tried once more now). */
  unsavedOutcomes(): PendingOutcome[]
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled'])

export function createTranscriptionService(o: TranscriptionServiceOptions): TranscriptionService {
  const dataDir = resolve(o.dataDir)
  const store = openStore(dataDir)
  const repo = store.jobs
  const settings = store.settings
  const hub = new EventHub()
  const instanceId = randomUUID()
  const pm = new ProcessManager({
    repo,
    dataDir,
    instanceId,
    settings: () => settings.get()
  })
  pm.installExitGuard()
  /** The row as the user should see it: a final status the DB refused is shown all the same. */
  const rowOf = (jobId: number): JobRow | null => {
    const row = repo.getJob(jobId)
    return row && withHeldOutcome(row, pm.outcomes.pending(jobId))
  }
  const changed = (jobId: number): void => {
    const row = rowOf(jobId)
    if (row) hub.emit('job.updated', row)
  }
  const runner = new JobRunner({
    repo,
    pm,
    dataDir,
    changed,
    ended: (id) => scheduler.finished(id)
  })
  const scheduler = new JobScheduler(
    () => settings.get().concurrentJobs,
    (job) => runner.start(job)
  )
  pm.on('log', (batch) => hub.emit('job.logs', batch))
  pm.on('metrics', (sample) => hub.emit('job.metrics', sample))
  pm.on('reaped', (results) => results.forEach((r) => changed(r.jobId)))
  pm.on('outcomeHeld', ({ jobId, outcome, error }) => {
    const name = repo.getJob(jobId)?.filename ?? `job ${jobId}`
    hub.emit('app.notice', {
      level: 'error',
      message: `${name} (#${jobId}) ${outcome.status}, but the database refused to record it (${error}); it is kept and will be written when the database accepts writes again`,
      jobIds: [jobId]
    })
    changed(jobId)
  })
  pm.on('outcomeSaved', ({ jobId, outcome }) => {
    const name = repo.getJob(jobId)?.filename ?? `job ${jobId}`
    hub.emit('app.notice', {
      level: 'info',
      message: `${name} (#${jobId}): its outcome (${outcome.status}) is now recorded`,
      jobIds: [jobId]
    })
    changed(jobId)
  })

  const mustGet = (id: number): JobRow => {
    const job = repo.getJob(id)
    if (!job) throw new Error(`job ${id} does not exist`)
    return job
  }

  /** Stops one job whatever state it is in; a finished job is left as it is. */
  async function stopJob(id: number, reason: string): Promise<KillResult> {
    const started = Date.now()
    if (scheduler.remove(id) || repo.getJob(id)?.status === 'queued') {
      repo.cancelJob(id, reason)
      changed(id)
      return {
        jobId: id,
        killed: [],
        escalated: false,
        durationMs: 0,
        alreadyStopped: true,
        survivors: []
      }
    }
    // Finished: nothing to stop. Running here or in another process: the ProcessManager stops
    // its own child, or the recorded tree (identity-checked) of a job another process owns.
    if (TERMINAL.has(repo.getJob(id)?.status ?? 'completed') && !pm.isProcessRunning(id)) {
      return {
        jobId: id,
        killed: [],
        escalated: false,
        durationMs: Date.now() - started,
        alreadyStopped: true,
        survivors: []
      }
    }
    const result = await pm.killProcessTree(id, { reason })
    changed(id)
    return result
  }

  async function releaseClient(clientId: string, reason: string): Promise<JobsStoppedNotice> {
    const queued = scheduler.waitingOwnedBy(clientId).filter((j) => !j.keepInBackground)
    for (const job of queued) await stopJob(job.jobId, reason)
    const results = await pm.releaseOwner(clientId, reason)
    for (const r of results) changed(r.jobId)
    const ids = [
      ...queued.map((j) => j.jobId),
      ...results.filter((r) => !r.alreadyStopped).map((r) => r.jobId)
    ]
    const jobs = ids.map((id) => ({ id, filename: repo.getJob(id)?.filename ?? `job ${id}` }))
    const notice = { jobs, reason }
    if (jobs.length > 0) hub.emit('jobs.stopped', notice)
    return notice
  }

  function createJobsFor(
    paths: string[],
    options: Partial<JobOptions> | undefined,
    ctx: RequestContext
  ) {
    const defaults = settings.get()
    const chosen: JobOptions = {
      engine: options?.engine ?? defaults.engine,
      model: options?.model ?? defaults.model,
      processes: options?.processes ?? defaults.processes,
      workers: options?.workers ?? defaults.workers,
      chunkSeconds: options?.chunkSeconds ?? defaults.chunkSeconds,
      overlapSeconds: options?.overlapSeconds ?? defaults.overlapSeconds,
      formats: options?.formats ?? defaults.formats,
      outputDir: options?.outputDir ?? defaults.outputDir
    }
    const created: JobRow[] = []
    const rejected: { path: string; reason: string }[] = []
    for (const raw of paths) {
      if (raw.includes('\0')) {
        rejected.push({ path: raw, reason: 'path contains a NUL byte' })
        continue
      }
      const path = resolve(raw)
      const job = repo.createJob({
        filename: basename(path),
        original_path: path,
        duration_seconds: null,
        engine: chosen.engine,
        model: chosen.model,
        processes: chosen.processes,
        workers: chosen.workers,
        chunk_seconds: chosen.chunkSeconds,
        overlap_seconds: chosen.overlapSeconds,
        formats: chosen.formats.join(','),
        output_dir: chosen.outputDir ? resolve(chosen.outputDir) : null,
        owner_instance: instanceId,
        owner_pid: process.pid
      })
      // A bad file becomes a failed job with its reason (visible in History); the rest go on.
      const problem = inputProblem(path)
      if (problem) repo.failJob(job.id, problem)
      else scheduler.enqueue({ jobId: job.id, ownerId: ctx.clientId, keepInBackground: false })
      const row = mustGet(job.id)
      created.push(row)
      hub.emit('job.updated', row)
    }
    return { created: created.map((j) => repo.getJob(j.id) ?? j), rejected }
  }

  const handlers: RequestHandlers = {
    'jobs.create': async ({ paths, options }, ctx) => createJobsFor(paths, options, ctx),
    'jobs.list': async (filter) => repo.listJobs(filter),
    'jobs.get': async ({ id }) => rowOf(id),
    'jobs.delete': async ({ id }) => {
      const job = repo.getJob(id)
      if (!job) return { deleted: false, removedFiles: [] }
      // Stop first; only a row that is no longer running may lose its files (its live log).
      if (!TERMINAL.has(job.status)) await stopJob(id, 'deleted by user')
      const stopped = mustGet(id)
      if (!repo.deleteJob(id)) {
        throw new Error(`job ${id} is still ${stopped.status}; it was not deleted`)
      }
      const removedFiles = removeJobFiles(stopped)
      hub.emit('job.deleted', { id })
      return { deleted: true, removedFiles }
    },
    'jobs.stop': async ({ id }) => {
      mustGet(id)
      return stopJob(id, 'stopped by user')
    },
    'jobs.retry': async ({ id }, ctx) => {
      const job = mustGet(id)
      const { created } = createJobsFor(
        [job.original_path],
        {
          engine: job.engine,
          model: job.model,
          processes: job.processes,
          workers: job.workers,
          chunkSeconds: job.chunk_seconds,
          overlapSeconds: job.overlap_seconds,
          formats: job.formats.split(',') as JobOptions['formats'],
          outputDir: job.output_dir ?? ''
        },
        ctx
      )
      return created[0]
    },
    'jobs.setKeepInBackground': async ({ id, keep }) => {
      mustGet(id)
      repo.setKeepInBackground(id, keep)
      scheduler.setKeepInBackground(id, keep)
      pm.setKeepInBackground(id, keep)
      changed(id)
      return mustGet(id)
    },
    'jobs.logs': async ({ id, lines }) => {
      mustGet(id)
      return pm.getLogs(id, lines)
    },
    'jobs.processStatus': async ({ id }) => {
      mustGet(id)
      return pm.getProcessStatus(id)
    },
    'jobs.metricsHistory': async ({ id }) => pm.getMetricsHistory(id),
    'jobs.transcript': async ({ id }) => readTranscript(mustGet(id)),
    'jobs.openOutput': async ({ id, format }) => {
      const path = outputFilesOf(mustGet(id))[format]
      if (!path) throw new Error(`job ${id} has no ${format} output`)
      return { opened: o.desktop ? await o.desktop.openPath(path) : false, path }
    },
    'jobs.revealOutput': async ({ id, format }) => {
      const path = outputFilesOf(mustGet(id))[format]
      if (!path) throw new Error(`job ${id} has no ${format} output`)
      return { revealed: o.desktop ? o.desktop.revealPath(path) : false, path }
    },
    'client.leavingPage': async ({ page, nextPage }, ctx) => {
      const reason = `left the ${page} page${nextPage ? ` for ${nextPage}` : ''}`
      if (!settings.get().autoStopOnLeave) return { stopped: [], reason: 'automatic stop is off' }
      const notice = await releaseClient(ctx.clientId, reason)
      return { stopped: notice.jobs, reason }
    },
    'settings.get': async () => settings.get(),
    'settings.set': async ({ settings: next }) => settings.set(next),
    'engines.list': async () => listEngines({ modelsDir: dataPaths(dataDir).models })
  }

  let closed = false
  return {
    dataDir,
    handlers,
    on: (event, listener) => hub.on(event, listener),
    releaseClient,
    async start() {
      pm.startHeartbeat()
      pm.startReaper()
      const s = settings.get()
      if (s.processTracking) await pm.cleanupOrphanedProcesses(s.orphanTimeoutSeconds)
    },
    async shutdown(reason, timeoutMs = 5000) {
      if (closed) return
      closed = true
      for (const job of scheduler.allWaiting()) {
        scheduler.remove(job.jobId)
        repo.cancelJob(job.jobId, reason)
      }
      await pm.stopAll(reason, { timeoutMs })
      // A last chance for outcomes the database refused earlier (the disk may have room now).
      pm.outcomes.flush()
      runner.dispose()
      await pm.dispose()
      store.close()
    },
    waitForJobs(ids) {
      return new Promise((resolveAll) => {
        const check = (): boolean => {
          const rows = ids.map((id) => rowOf(id))
          if (rows.every((r) => !r || TERMINAL.has(r.status))) {
            off()
            resolveAll(rows.filter((r): r is JobRow => r !== null))
            return true
          }
          return false
        }
        const off = hub.on('job.updated', () => void check())
        check()
      })
    },
    unsavedOutcomes: () => {
      pm.outcomes.flush()
      return pm.outcomes.all()
    }
  }
}
