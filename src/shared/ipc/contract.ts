// The one IPC contract. Main (ipcMain), the preload (contextBridge) and the browser host
// (WebSocket) are all generated from these maps, so the renderer cannot tell the hosts apart.
// Every request input is a strict zod object: unknown fields and wrong types are refused.
import { z } from 'zod'
import {
  JOB_STATUSES,
  JobOptionsSchema,
  OUTPUT_FORMATS,
  SettingsSchema,
  type EngineInfo,
  type JobRow,
  type KillResult,
  type LogBatch,
  type MetricsSample,
  type ProcessStatus,
  type Settings,
  type Transcript
} from '@shared/domain'

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

export interface DeleteJobResult {
  deleted: boolean
  removedFiles: string[]
}

export const requestContract = {
  'jobs.create': {
    input: z
      .object({
        paths: z.array(FilePath).min(1).max(1000),
        options: z.lazy(() => JobOptionsSchema).optional()
      })
      .strict(),
    output: returns<CreateJobsResult>()
  },
  'jobs.list': {
    input: z
      .object({ status: z.enum(JOB_STATUSES).optional(), search: z.string().max(500).optional() })
      .strict(),
    output: returns<JobRow[]>()
  },
  'jobs.get': { input: z.object({ id: JobId }).strict(), output: returns<JobRow | null>() },
  'jobs.delete': { input: z.object({ id: JobId }).strict(), output: returns<DeleteJobResult>() },
  'jobs.stop': { input: z.object({ id: JobId }).strict(), output: returns<KillResult>() },
  'jobs.retry': { input: z.object({ id: JobId }).strict(), output: returns<JobRow>() },
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
  'engines.list': { input: z.object({}).strict(), output: returns<EngineInfo[]>() }
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
  'job.deleted': { id: number }
  'job.logs': LogBatch
  'job.metrics': MetricsSample
  'jobs.stopped': JobsStoppedNotice
  'app.notice': AppNotice
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
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? issue.path.join('.') + ': ' : ''
  return {
    ok: false,
    error: `invalid arguments for ${channel}: ${where}${issue?.message ?? 'rejected'}`
  }
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
