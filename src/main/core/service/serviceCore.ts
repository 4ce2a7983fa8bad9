// The parts every role of the service shares (commands, request handlers, lifecycle): the data
// dir's store, the event hub, the ProcessManager, and the queue and runner between them. Built
// once per service; the role files take it as their first argument instead of closing over it.
import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import type { JobRow } from '@shared/domain'
import type { EventPayloads } from '@shared/ipc/contract'
import type { JobRepository } from '../db/jobRepository'
import { openStore, type Store } from '../db/openDataDir'
import { TypedEvents } from '../../os/typedEvents'
import { ProcessManager } from '../process/processManager'
import type { SettingsStore } from '../settings/settingsStore'
import { reportHeldOutcomes, withHeldOutcome } from './heldOutcome'
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

export interface ServiceCore {
  readonly dataDir: string
  /** Written on every job this service creates, so another instance can tell it is not its own. */
  readonly instanceId: string
  readonly store: Store
  readonly repo: JobRepository
  readonly settings: SettingsStore
  /** The service's events, fanned out to every host (window, socket, CLI). */
  readonly hub: TypedEvents<EventPayloads>
  readonly pm: ProcessManager
  readonly runner: JobRunner
  readonly scheduler: JobScheduler
  readonly desktop?: DesktopActions
  /** Tells every host the job's row may have changed (nothing when it no longer exists). */
  changed(jobId: number): void
  /** The row as the user should see it: a final status the DB refused is shown all the same. */
  rowOf(jobId: number): JobRow | null
  /** The job's row; throws "job N does not exist" otherwise. */
  mustGet(jobId: number): JobRow
}

export function openServiceCore(o: TranscriptionServiceOptions): ServiceCore {
  const dataDir = resolve(o.dataDir)
  const store = openStore(dataDir)
  const { jobs: repo, settings } = store
  const hub = new TypedEvents<EventPayloads>('service')
  const instanceId = randomUUID()
  const pm = new ProcessManager({ repo, dataDir, instanceId, settings: () => settings.get() })
  pm.installExitGuard()
  const rowOf = (jobId: number): JobRow | null => {
    const row = repo.getJob(jobId)
    return row && withHeldOutcome(row, pm.outcomes.pending(jobId))
  }
  const changed = (jobId: number): void => {
    const row = rowOf(jobId)
    if (row) hub.emit('job.updated', row)
  }
  const mustGet = (jobId: number): JobRow => {
    const job = repo.getJob(jobId)
    if (!job) throw new Error(`job ${jobId} does not exist`)
    return job
  }
  // The runner frees a slot in the scheduler, which starts the next job on the runner.
  const runner: JobRunner = new JobRunner({
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
  reportHeldOutcomes(pm, repo, hub, changed)
  return {
    dataDir,
    instanceId,
    store,
    repo,
    settings,
    hub,
    pm,
    runner,
    scheduler,
    desktop: o.desktop,
    changed,
    rowOf,
    mustGet
  }
}
