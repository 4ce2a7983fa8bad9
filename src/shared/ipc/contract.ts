// The one IPC contract. Main (ipcMain), the preload (contextBridge) and the browser host
// (WebSocket) are all generated from these maps, so the renderer cannot tell the hosts apart.
// Every request input is a strict zod object: unknown fields and wrong types are refused.
import { z } from 'zod'
import { RedoRequestSchema } from '@shared/passageRedo'
import {
  HISTORY_SORTS,
  JOB_STATUSES,
  JobOptionsSchema,
  OUTPUT_FORMATS,
  SettingsSchema,
  type EngineInfo,
  type HistoryPage,
  QUEUE_ROWS_MAX,
  CREATE_JOBS_MAX,
  type QueueSnapshot,
  type BatchProgress,
  type JobRow,
  type KillResult,
  type LogBatch,
  type MetricsSample,
  type ProcessStatus,
  type Settings
} from '@shared/domain'
import {
  type LiveChunk,
  type LiveWords,
  type Transcript,
  type TranscriptDocument,
  type TranscriptSaved
} from '@shared/transcript'
import { TranscriptChangeSchema } from '@shared/transcriptChange'
import {
  WatchFolderInputSchema,
  type WatchFolder,
  type WatchFolderStatus,
  type WatchFolderView
} from '@shared/watch'
import {
  MODEL_KINDS,
  ModelNameSchema,
  type DownloadProgress,
  type InstalledModel,
  type ModelListing
} from '@shared/models'

import {
  EndpointChangeSchema,
  NewEndpointSchema,
  type EndpointCheck,
  type SavedEndpoint
} from '@shared/endpoints'
import type { JobProgress } from '@shared/jobProgress'
import {
  DeleteVoiceSchema,
  RememberVoiceSchema,
  RenameVoiceSchema,
  type HeardSpeaker,
  type Voice
} from '@shared/voices'
import type { ResumeOffer } from '@shared/resumeOffer'
import { recordingContract } from '@shared/ipc/recordingContract'

const JobId = z.number().int().positive()
const FilePath = z.string().min(1).max(4096)

/** Result marker: carries the output type only (never read at run time). */
function returns<T>(): T {
  return undefined as T
}

export interface CreateJobsResult {
  created: JobRow[]
  /** Files refused before a job was made (a folder, a missing file), each with a one-line reason. */
  rejected: { path: string; reason: string }[]
}

/** A folder dropped on the window, as the host lists it: media files inside, others counted. */
export interface FolderMedia {
  /** Absolute paths of the media files inside (recursively), sorted. */
  files: string[]
  /** Other files inside (not audio or video by name): skipped, counted. */
  skipped: number
}

export interface DeleteJobResult {
  deleted: boolean
  removedFiles: string[]
}

export const requestContract = {
  'jobs.create': {
    input: z
      .object({
        paths: z.array(FilePath).min(1).max(CREATE_JOBS_MAX),
        options: z.lazy(() => JobOptionsSchema).optional(),
        /** Chosen before the drop: these jobs survive leaving the page that started them. */
        keepInBackground: z.boolean().optional()
      })
      .strict(),
    output: returns<CreateJobsResult>()
  },
  /** A dropped folder's media files (Electron gives its path), by the rule `transcribe DIR` uses. */
  'files.expandFolder': {
    input: z.object({ path: FilePath }).strict(),
    output: returns<FolderMedia>()
  },
  'jobs.list': {
    input: z
      .object({
        status: z.enum(JOB_STATUSES).optional(),
        search: z.string().max(500).optional(),
        /** The newest N rows only (the CLI's --limit); absent = all. */
        limit: z.number().int().min(0).optional()
      })
      .strict(),
    output: returns<JobRow[]>()
  },
  /** History: searched (file names and transcripts, FTS5), filtered and sorted in SQL, one page. */
  'history.query': {
    input: z
      .object({
        search: z.string().max(500).optional(),
        status: z.enum(JOB_STATUSES).optional(),
        sort: z.enum(HISTORY_SORTS).optional(),
        offset: z.number().int().min(0).max(10_000_000).optional(),
        limit: z.number().int().min(1).max(500).optional()
      })
      .strict(),
    output: returns<HistoryPage>()
  },
  /** The queue page: unfinished jobs' ids per status, and the rows of the newest `rows` of them. */
  'jobs.queue': {
    input: z.object({ rows: z.number().int().min(0).max(QUEUE_ROWS_MAX) }).strict(),
    output: returns<QueueSnapshot>()
  },
  /** The queue's batch: its jobs by status and the queue's time left (one line above the queue). */
  'jobs.batch': { input: z.object({}).strict(), output: returns<BatchProgress>() },
  'jobs.get': { input: z.object({ id: JobId }).strict(), output: returns<JobRow | null>() },
  /** The rows of these jobs (those that still exist), in the order asked: a page scrolled to. */
  'jobs.getMany': {
    input: z.object({ ids: z.array(JobId).max(QUEUE_ROWS_MAX) }).strict(),
    output: returns<JobRow[]>()
  },
  'jobs.delete': { input: z.object({ id: JobId }).strict(), output: returns<DeleteJobResult>() },
  'jobs.stop': { input: z.object({ id: JobId }).strict(), output: returns<KillResult>() },
  /** A new job for the same file; `model` = another model than the job's (e.g. one installed since). */
  'jobs.retry': {
    input: z.object({ id: JobId, model: z.string().max(4096).optional() }).strict(),
    output: returns<JobRow>()
  },
  /** Continue a stopped or failed job from its finished chunks (same id, log appended). */
  'jobs.resume': { input: z.object({ id: JobId }).strict(), output: returns<JobRow>() },
  /** Transcribe a passage of a finished job again (src/shared/passageRedo.ts): the new job. */
  'jobs.redo': { input: RedoRequestSchema, output: returns<JobRow>() },
  /** Whether Resume has finished chunks to continue from (src/shared/resumeOffer.ts). */
  'jobs.resumeOffer': { input: z.object({ id: JobId }).strict(), output: returns<ResumeOffer>() },
  'jobs.setKeepInBackground': {
    input: z.object({ id: JobId, keep: z.boolean() }).strict(),
    output: returns<JobRow>()
  },
  'jobs.logs': {
    input: z.object({ id: JobId, lines: z.number().int().min(1).max(100_000) }).strict(),
    output: returns<string[]>()
  },
  'jobs.processStatus': {
    input: z.object({ id: JobId }).strict(),
    output: returns<ProcessStatus>()
  },
  'jobs.metricsHistory': {
    input: z.object({ id: JobId }).strict(),
    output: returns<MetricsSample[]>()
  },
  'jobs.transcript': {
    input: z.object({ id: JobId }).strict(),
    output: returns<Transcript | null>()
  },
  /** The words of the chunks finished so far: live for a running job, checkpointed for a stopped one. */
  'jobs.liveWords': {
    input: z.object({ id: JobId }).strict(),
    output: returns<LiveWords>()
  },
  /** The transcript as shown (with edits), whether it was edited, and the engine's original. */
  'transcripts.get': {
    input: z.object({ id: JobId }).strict(),
    output: returns<TranscriptDocument | null>()
  },
  /**
   * Saves the user's version as a change of the version it was made on (the engine's original is
   * kept); the result is held to the transcript's bounds.
   */
  'transcripts.save': {
    input: z
      .object({
        id: JobId,
        change: TranscriptChangeSchema,
        /** The version this edit was made on (the document's editedAt as loaded or last saved). */
        baseEditedAt: z.number().int().min(0).nullable()
      })
      .strict(),
    output: returns<TranscriptSaved>()
  },
  'transcripts.revert': {
    input: z.object({ id: JobId }).strict(),
    output: returns<TranscriptDocument>()
  },
  'jobs.openOutput': {
    input: z.object({ id: JobId, format: z.enum(OUTPUT_FORMATS) }).strict(),
    output: returns<{ opened: boolean; path: string }>()
  },
  'jobs.revealOutput': {
    input: z.object({ id: JobId, format: z.enum(OUTPUT_FORMATS) }).strict(),
    output: returns<{ revealed: boolean; path: string }>()
  },
  /** The renderer says the user is leaving a page: this client's running jobs stop (unless kept). */
  'client.leavingPage': {
    input: z.object({ page: z.string().min(1).max(100), nextPage: z.string().max(100) }).strict(),
    output: returns<{ stopped: { id: number; filename: string }[]; reason: string }>()
  },
  'settings.get': { input: z.object({}).strict(), output: returns<Settings>() },
  'settings.set': {
    input: z.object({ settings: z.lazy(() => SettingsSchema) }).strict(),
    output: returns<Settings>()
  },
  'engines.list': { input: z.object({}).strict(), output: returns<EngineInfo[]>() },
  'endpoints.list': { input: z.object({}).strict(), output: returns<SavedEndpoint[]>() },
  /** The key, if any, goes to the host's secret store; it never comes back over IPC. */
  'endpoints.add': { input: NewEndpointSchema, output: returns<SavedEndpoint>() },
  /** Edit any field (a new key, or null to remove it) or enable/disable; the id stays. */
  'endpoints.update': { input: EndpointChangeSchema, output: returns<SavedEndpoint>() },
  'endpoints.remove': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: returns<{ removed: boolean }>()
  },
  /** Reachable, authorised, model known: one request or two, one line back. */
  'endpoints.test': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: returns<EndpointCheck>()
  },
  /** The catalog, what is installed, downloads in flight. */
  'models.list': { input: z.object({}).strict(), output: returns<ModelListing>() },
  /** Starts a download owned by the app (leaving a page does not cancel it); progress arrives as events. */
  'models.pull': {
    input: z.object({ name: ModelNameSchema }).strict(),
    output: returns<{ started: boolean }>()
  },
  'models.cancel': {
    input: z.object({ name: ModelNameSchema }).strict(),
    output: returns<{ cancelled: boolean }>()
  },
  /** kind: which folder (whisper when absent). */
  'models.delete': {
    input: z.object({ name: ModelNameSchema, kind: z.enum(MODEL_KINDS).optional() }).strict(),
    output: returns<{ removed: boolean; path: string }>()
  },
  'models.import': {
    input: z
      .object({
        path: FilePath,
        name: ModelNameSchema.optional(),
        kind: z.enum(MODEL_KINDS).optional()
      })
      .strict(),
    output: returns<InstalledModel>()
  },
  /** Saved voices (names and models; the embeddings never cross IPC). */
  'voices.list': { input: z.object({}).strict(), output: returns<Voice[]>() },
  /** The job's speakers whose voice print it kept (those "Remember this voice" can save). */
  'voices.heard': { input: z.object({ id: JobId }).strict(), output: returns<HeardSpeaker[]>() },
  'voices.remember': { input: RememberVoiceSchema, output: returns<Voice>() },
  'voices.rename': { input: RenameVoiceSchema, output: returns<Voice>() },
  'voices.delete': { input: DeleteVoiceSchema, output: returns<{ removed: boolean }>() },
  /** Settings → Watch folders: each folder with its options and status (watch.ts). */
  'watch.list': { input: z.object({}).strict(), output: returns<WatchFolderView[]>() },
  /** Refused with a one-line reason: unreadable, inside its output folder, watched already. */
  'watch.add': { input: WatchFolderInputSchema, output: returns<WatchFolder>() },
  'watch.remove': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: returns<{ removed: boolean }>()
  },
  'watch.setPaused': {
    input: z.object({ id: z.number().int().positive(), paused: z.boolean() }).strict(),
    output: returns<WatchFolder>()
  },
  ...recordingContract
} as const

export type RequestChannel = keyof typeof requestContract
export type RequestInput<C extends RequestChannel> = z.input<(typeof requestContract)[C]['input']>
export type RequestOutput<C extends RequestChannel> = (typeof requestContract)[C]['output']

export interface JobsStoppedNotice {
  jobs: { id: number; filename: string }[]
  reason: string
}

/** Something the user must know that is not a job's row: e.g. an outcome the database refused. */
export interface AppNotice {
  level: 'error' | 'info'
  message: string
  jobIds: number[]
}

/** Events main pushes to the renderer. Logs and metrics arrive batched, never one per line. */
export interface EventPayloads {
  'job.updated': JobRow
  /** A running job's progress and ETA, as its pipeline reports them (see jobProgress.ts). */
  'job.progress': JobProgress
  'job.deleted': { id: number }
  'job.logs': LogBatch
  'job.metrics': MetricsSample
  /** A running job finished a chunk: its words, as they arrive (not in order). */
  'job.words': LiveChunk
  'jobs.stopped': JobsStoppedNotice
  /** Download progress, batched (≤ ~5 messages/s), like logs. */
  'models.progress': DownloadProgress[]
  'app.notice': AppNotice
  /** Every watch folder's status, when it changes (≤ 2 messages/s). */
  'watch.status': WatchFolderStatus[]
  /** A transcript was saved or reverted (by any window or host): its version now. */
  'transcript.changed': { id: number; editedAt: number | null }
  /** The app asks the window making this recording to stop it as its Stop button does: the audio
   * it holds goes in first (the app is closing or quitting and the user chose "Stop and keep"). */
  'recording.endAsked': { id: number }
}
export type EventChannel = keyof EventPayloads

/** Prefix so our IPC channels never collide with Electron's or a library's. */
export const IPC_PREFIX = 'transcriptor:'

/** Every request is answered with one of these, so an error crosses IPC as data, not a throw. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string }

export function parseRequest<C extends RequestChannel>(
  channel: C,
  input: unknown
): { ok: true; value: RequestInput<C> } | { ok: false; error: string } {
  const parsed = requestContract[channel].input.safeParse(input)
  if (parsed.success) return { ok: true, value: parsed.data as RequestInput<C> }
  return { ok: false, error: `invalid arguments for ${channel}: ${issueText(parsed.error)}` }
}

/** A refusal by a schema as one line: where (the path zod names first) and why. */
export function issueText(error: z.ZodError): string {
  const issue = error.issues.at(0)
  const where = issue?.path.length ? issue.path.join('.') + ': ' : ''
  return `${where}${issue?.message ?? 'rejected'}`
}

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(requestContract, value)
}

/** Who is asking: a window's webContents, a browser-host connection, or the CLI. Jobs belong to it. */
export interface RequestContext {
  clientId: string
}

/** What a host needs to serve the contract: one function per channel (built by the core's service). */
export type RequestHandlers = {
  [C in RequestChannel]: (input: RequestInput<C>, ctx: RequestContext) => Promise<RequestOutput<C>>
}
