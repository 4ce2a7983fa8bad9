// The parts every role of the service shares (commands, request handlers, lifecycle): the data
// dir's store, the event hub, the ProcessManager, and the queue and runner between them. Built
// once per service. Only the request handlers (which wire every channel) take all of it; each
// command and lifecycle step takes the parts it uses (a Pick), so its signature says what it needs.
import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import type { JobRow } from '@shared/domain'
import type { EventPayloads } from '@shared/ipc/contract'
import type { JobRepository } from '../db/jobRepository'
import { openStore, type Store } from '../openDataDir'
import { TypedEvents } from '../../os/typedEvents'
import { ProcessManager } from '../process/processManager'
import type { SettingsStore } from '../settings/settingsStore'
import { reportHeldOutcomes, withHeldOutcome } from '../db/outcomes'
import { JobRunner } from './jobRunner'
import { startOrLink, type SameContentDeps } from './sameContent'
import { modelManagerFor } from '../models/forDataDir'
import type { ModelManager } from '../models/modelManager'
import { ProgressBatcher } from '../models/progressBatcher'
import { JobScheduler } from './jobScheduler'
import { dataPaths } from '../paths'
import { EndpointRepository } from '../endpoints/endpointRepository'
import { FileSecretStore, type SecretStore } from '../secrets/secretStore'
import { endpointLaunch, type EndpointDeps } from './endpointHandlers'
import { endpointRequestsTracker, type EndpointRequestsTracker } from './endpointRequests'
import { LiveWordsBook } from './liveWords'
import { completedJobAdopter } from './adoptCompleted'
import { storeHeardSpeakers } from '../voices/storeHeardSpeakers'
import { PassageRedos } from './passageRedos'
import { recoverRecordings } from '../recording/recordingRows'
import { LiveRecordings } from './liveRecordings'
import { earlierSecondsPerAudioSecond } from '../db/earlierSpeed'
import { TranscriptSaver } from '../transcripts/transcriptSaver'

/** What only a desktop host can do (Electron's shell); other hosts leave it out. */
export interface DesktopActions {
  openPath(path: string): Promise<boolean>
  revealPath(path: string): boolean
}

export interface TranscriptionServiceOptions {
  dataDir: string
  desktop?: DesktopActions
  /** Where endpoint API keys live; default a 0600 file under the data dir (CLI, browser host). */
  secrets?: SecretStore
  /** Endpoints may use TRANSCRIPTOR_API_KEY from this process's environment (the CLI). */
  envKeyAllowed?: boolean
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
  /** Whisper models: downloads belong to the service, not to a client view. */
  readonly models: ModelManager
  readonly pm: ProcessManager
  readonly runner: JobRunner
  readonly scheduler: JobScheduler
  /** Words of the running jobs' finished chunks (the live transcript). */
  readonly liveWords: LiveWordsBook
  readonly desktop?: DesktopActions
  /** Saved endpoints and the store of their keys. */
  readonly endpointDeps: EndpointDeps
  /** Requests each job has in flight to endpoints (for the job page). */
  readonly requests: EndpointRequestsTracker
  /** "Transcribe again" jobs and the passage each puts back (passageRedo.ts). */
  readonly redos: PassageRedos
  /** The editor's saves, on their own thread. */
  readonly saver: TranscriptSaver
  /** The recordings being made, by the client that makes each. */
  readonly recordings: LiveRecordings
  /** Tells every host the job's row may have changed (nothing when it no longer exists). */
  changed(jobId: number): void
  /** The row as the user should see it: a final status the DB refused is shown all the same. */
  rowOf(jobId: number): JobRow | null
  /** The job's row; throws "job N does not exist" otherwise. */
  mustGet(jobId: number): JobRow
}

/** The process manager's events, as every client sees them (logs, metrics, rows that changed). */
function forwardProcessEvents(
  pm: ProcessManager,
  hub: TypedEvents<EventPayloads>,
  requests: EndpointRequestsTracker,
  changed: (jobId: number) => void,
  recoverRecordings: () => number[]
): void {
  pm.on('log', (batch) => hub.emit('job.logs', batch))
  pm.on('metrics', (sample) => hub.emit('job.metrics', requests.annotate(sample)))
  pm.on('exit', ({ jobId }) => requests.set(jobId, []))
  // A recording whose host died is reaped like any job; its file is repaired for Resume.
  pm.on('reaped', (results) => {
    results.forEach((r) => changed(r.jobId))
    recoverRecordings().forEach(changed)
  })
  pm.on('outcomesApplied', (applied) => applied.forEach((a) => changed(a.jobId)))
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
  const endpointDeps = endpointDepsFor(store.db, dataDir, o)
  const requests = endpointRequestsTracker()
  const liveWords = new LiveWordsBook()
  const redos = new PassageRedos(store.db, () => ({ store, mustGet, changed, hub }))
  // The runner frees a slot in the scheduler, which starts the next job on the runner.
  const ended = (id: number): void => {
    liveWords.forget(id)
    scheduler.finished(id)
  }
  const runner: JobRunner = new JobRunner({
    repo,
    pm,
    dataDir,
    changed,
    ended,
    endpointLaunch: (job) => endpointLaunch(endpointDeps, job),
    onPipelineEvent: (jobId, event) => {
      if (event.type === 'endpointRequests') requests.set(jobId, event.requests)
      if (event.type === 'speakers') storeHeardSpeakers(store.db, jobId, event)
    },
    words: (chunk) => {
      liveWords.add(chunk)
      hub.emit('job.words', chunk)
    },
    progress: (progress) => hub.emit('job.progress', progress),
    // The transcript moves into the database as the job completes (History search, edits),
    // its speakers named after the voices the user saved; a finished passage redo is applied.
    adopt: redos.adoptingWith(completedJobAdopter(store)),
    passage: (job) => redos.passage(job.id),
    earlierSpeed: (job) => earlierSecondsPerAudioSecond(store.db, job.engine, job.model)
  })
  // A job whose content was transcribed already is linked at its turn instead of run.
  const starter = { store, dataDir, hub, redos, runner, ended, changed }
  const scheduler = linkingScheduler(() => settings.get().concurrentJobs, starter)
  const models = modelsFor(dataDir, settings, hub)
  forwardProcessEvents(pm, hub, requests, changed, () => recoverRecordings(store.db))
  reportHeldOutcomes(pm, repo, hub, changed)
  return {
    dataDir,
    instanceId,
    store,
    repo,
    settings,
    hub,
    models,
    pm,
    runner,
    scheduler,
    liveWords,
    desktop: o.desktop,
    endpointDeps,
    requests,
    redos,
    saver: new TranscriptSaver(store.path),
    recordings: new LiveRecordings(),
    changed,
    rowOf,
    mustGet
  }
}

/** Saved endpoints and where their keys live (the app passes its safeStorage-backed store). */
function endpointDepsFor(
  db: ServiceCore['store']['db'],
  dataDir: string,
  o: TranscriptionServiceOptions
): EndpointDeps {
  return {
    endpoints: new EndpointRepository(db),
    secrets: o.secrets ?? new FileSecretStore(dataPaths(dataDir).secrets),
    envKeyAllowed: o.envKeyAllowed ?? false
  }
}

/** The scheduler, whose start links a job to an earlier one with its content, or runs it. */
function linkingScheduler(
  limit: () => number,
  o: {
    store: Store
    dataDir: string
    hub: TypedEvents<EventPayloads>
    redos: PassageRedos
    runner: JobRunner
    ended: (jobId: number) => void
    changed: (jobId: number) => void
  }
): JobScheduler {
  const deps: SameContentDeps = {
    repo: o.store.jobs,
    transcripts: o.store.transcripts,
    dataDir: o.dataDir,
    start: (job) => o.runner.start(job),
    ended: o.ended,
    changed: o.changed,
    logged: (batch) => o.hub.emit('job.logs', batch),
    isPassage: (id) => o.redos.passage(id) !== undefined,
    isStarted: (id) => scheduler.isRunning(id),
    waitBehind: (id, twinId) => scheduler.waitBehind(id, twinId)
  }
  const scheduler = new JobScheduler(limit, (job) => startOrLink(deps, job))
  return scheduler
}

/** The model manager, its download progress batched onto the hub like logs. */
function modelsFor(
  dataDir: string,
  settings: SettingsStore,
  hub: ServiceCore['hub']
): ModelManager {
  const progress = new ProgressBatcher((batch) => hub.emit('models.progress', batch))
  return modelManagerFor(
    dataDir,
    () => settings.get().modelBaseUrl,
    (p) => progress.push(p)
  )
}
