// The core behind every front-end: the Electron window, the browser host and the CLI all call
// these handlers, so a job started anywhere is created, run, tracked and stopped the same way.
// The roles live in their own files: serviceCore (the shared parts), jobCommands (what changes
// jobs), requestHandlers (one per IPC channel), lifecycle (start, shutdown, waiting).
import type { JobRow, KillResult } from '@shared/domain'
import type {
  EventChannel,
  EventPayloads,
  JobsStoppedNotice,
  RequestHandlers
} from '@shared/ipc/contract'
import type { PendingOutcome } from '../db/outcomes'
import type { Store } from '../openDataDir'
import type { SweepResult } from '../process/orphanReaper'
import { endClientRecordings, keepClientJobs, releaseClient, stopJob } from './jobCommands'
import { shutdownService, startService, waitForJobs } from './lifecycle'
import { createRequestHandlers } from './requestHandlers'
import { startRecording, type RecordingRequest } from './recording'
import type { ActiveRecording } from './liveRecordings'
import { openServiceCore, type TranscriptionServiceOptions } from './serviceCore'
import { SHUTDOWN_TIMEOUT_MS } from '../../os/stopTimings'
import { watchServiceOf, type WatchService } from './watchFolders'

export type { DesktopActions, TranscriptionServiceOptions } from './serviceCore'

export interface TranscriptionService {
  readonly dataDir: string
  readonly handlers: RequestHandlers
  /** The data dir's database and repositories (watch folders keep their state in it). */
  readonly store: Store
  /** Watch folders → jobs; a host starts it (`watch.start()`), the CLI's `watch` configures it. */
  readonly watch: WatchService
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
  /** Stops one job wherever it runs (queued, here, or in another process), with this reason. */
  stopJob(id: number, reason: string): Promise<KillResult>
  /** One reap now (orphans, kept outcomes, work folders), as the periodic reaper does it. */
  reap(timeoutSeconds: number): Promise<SweepResult>
  /** A client went away (window closed or reloaded, socket closed): stop its jobs unless kept. */
  releaseClient(clientId: string, reason: string): Promise<JobsStoppedNotice>
  /** The user chose "keep them running" while leaving: every job the client owns is kept. */
  keepClientJobs(clientId: string): number[]
  /** The jobs of the recordings the client is making (they end, and finish, when it goes). */
  liveRecordingsOf(clientId: string): number[]
  /** Ends the client's recordings as their Stop button does (kept, transcribed); their jobs. */
  endRecordingsOf(clientId: string): number[]
  /** Heartbeat, and the reaper (which runs once at once). */
  start(): Promise<void>
  /** Stops everything, keep-in-background jobs too, within timeoutMs; then closes the database. */
  shutdown(reason: string, timeoutMs?: number): Promise<void>
  /** A recording, a job from its first second: append audio, then stop it (service/recording.ts). */
  startRecording(request: RecordingRequest): ActiveRecording
  /** Resolves when every listed job has reached a final status (held in memory counts). */
  waitForJobs(ids: number[]): Promise<JobRow[]>
  /** Final statuses the database refused and still refuses (tried once more now). */
  unsavedOutcomes(): PendingOutcome[]
  /** Starts (or joins) a model's download and resolves with its path once verified; progress
   *  arrives as 'models.progress' events, models.cancel stops it. The contract's models.pull starts
   *  the same download and answers at once. `from`: a URL and SHA-1 the user gives, on the command
   *  line only (no window or browser tab may have the host fetch a URL of its choosing). */
  pullModel(name: string, from?: { url: string; sha1: string }): Promise<string>
}

export function createTranscriptionService(o: TranscriptionServiceOptions): TranscriptionService {
  const core = openServiceCore(o)
  const watch = watchServiceOf(core)
  let closed = false
  return {
    dataDir: core.dataDir,
    handlers: { ...createRequestHandlers(core), ...watch.handlers },
    store: core.store,
    watch: watch.service,
    on: (event, listener) => core.hub.on(event, listener),
    stopJob: (id, reason) => stopJob(core, id, reason),
    reap: (timeoutSeconds) => core.pm.sweep(timeoutSeconds),
    releaseClient: (clientId, reason) => releaseClient(core, clientId, reason),
    keepClientJobs: (clientId) => keepClientJobs(core, clientId),
    liveRecordingsOf: (clientId) => core.recordings.ownedBy(clientId),
    endRecordingsOf: (clientId) => endClientRecordings(core, clientId),
    start: () => startService(core),
    async shutdown(reason, timeoutMs = SHUTDOWN_TIMEOUT_MS) {
      if (closed) return
      closed = true
      await watch.service.stop()
      await shutdownService(core, reason, timeoutMs)
    },
    startRecording: (request) => startRecording(core, request),
    waitForJobs: (ids) => waitForJobs(core, ids),
    unsavedOutcomes: () => {
      core.pm.outcomes.flush()
      return core.pm.outcomes.all()
    },
    pullModel: (name, from) =>
      from ? core.models.pullUrl(from.url, from.sha1, name) : core.models.pull(name)
  }
}
