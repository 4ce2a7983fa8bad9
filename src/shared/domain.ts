// Domain types shared by the core, the hosts and the renderer. No Node, no Electron here.
import { z } from 'zod'
import { EndpointRefSchema, type EndpointRequest } from '@shared/endpoints'
import { DEFAULT_DOUBTFUL_BELOW } from '@shared/doubtfulWords'

export const JOB_STATUSES = ['queued', 'processing', 'completed', 'failed', 'cancelled'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]
/** A job in one of these never changes status again (guarded updates enforce it). */
export const TERMINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled']
/** The rest: a job that may still run (and so may still be stopped, reaped or resumed by its owner). */
export const ACTIVE_STATUSES: readonly JobStatus[] = JOB_STATUSES.filter(
  (s) => !TERMINAL_STATUSES.includes(s)
)

/** Whether a job (or a status read from anywhere, even an unknown one) has ended for good. */
export function isTerminalStatus(status: string | undefined): boolean {
  return TERMINAL_STATUSES.some((s) => s === status)
}

/**
 * The endpoint engine (chunks sent to OpenAI-compatible servers, src/main/engines/endpointEngine.ts)
 * by the name job rows, settings and `--engine` use: stored data keeps it, so it stays 'openai'.
 */
export const ENDPOINT_ENGINE = 'openai'
export const ENGINE_NAMES = ['pocketsphinx', 'whisper', ENDPOINT_ENGINE] as const
export type EngineName = (typeof ENGINE_NAMES)[number]

export const OUTPUT_FORMATS = ['txt', 'srt', 'vtt', 'json'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/** A completed job's outputs: OutputFormat -> absolute path (the `output_files` column). */
export const OutputFilesSchema = z.partialRecord(z.enum(OUTPUT_FORMATS), z.string().min(1))
export type OutputFiles = z.infer<typeof OutputFilesSchema>

/** The `output_files` column read back; {} when empty or not what the app writes. */
export function parseOutputFiles(json: string | null): OutputFiles {
  if (!json) return {}
  try {
    const parsed = OutputFilesSchema.safeParse(JSON.parse(json))
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}

/**
 * One row of `transcription_jobs`, with the database's column names (the CLI's `--json` prints
 * exactly this). Times are Unix epoch milliseconds.
 */
export interface JobRow {
  id: number
  filename: string
  original_path: string
  duration_seconds: number | null
  engine: EngineName
  model: string
  processes: number
  workers: number
  chunk_seconds: number
  overlap_seconds: number
  /** Comma-separated OutputFormat list, e.g. "txt,srt". */
  formats: string
  /** Directory the outputs go to; null = next to the data dir's outputs/<id>/. */
  output_dir: string | null
  status: JobStatus
  progress: number
  error_message: string | null
  cancel_reason: string | null
  /** A completed job's caveat (migration 0004): `no speech found`, `decoded 0.1 s of 24.7 s: …`. */
  warning: string | null
  created_at: number
  started_at: number | null
  finished_at: number | null
  /** JSON object OutputFormat -> absolute path, written when the job completes. */
  output_files: string | null
  // Process tracking (migration 0002).
  process_id: number | null
  /** Opaque OS start-time token of process_id; identity is (pid, start time), never pid alone. */
  process_start_time: string | null
  process_group_id: number | null
  owner_instance: string | null
  owner_pid: number | null
  log_file_path: string | null
  last_heartbeat: number | null
  keep_in_background: 0 | 1
  /** JSON EndpointRef[] of an endpoint (or mixed) job; never holds a key (migration 0004). */
  endpoints: string | null
  /** Whisper's language: 'auto' (detected) or a code (migration 0005). */
  language: string
  /** 1 = translated into English instead of transcribed. */
  translate: 0 | 1
  /** Voice activity detection and its model ('' = the installed default) (migrations/0013_vad.sql). */
  vad: VadChoice
  vad_model: string
  /** Speakers: 'off', 'auto' or a count; threshold null = the default; model '' = the installed
   * one (migrations/0014_job_speakers.sql). */
  speakers: string
  speaker_threshold: number | null
  segmentation_model: string
  embedding_model: string
  /** When it last entered the queue: created, or resumed (migrations/0015_job_queued_links.sql). */
  queued_at: number
  /** SHA-256 of its input's bytes, once known (when its turn came, or when a watch took it). */
  content_hash: string | null
  /** The earlier job whose transcript it reused because its input had the same bytes (not re-run). */
  linked_job_id: number | null
  /** 1: linked instead of run when its content was transcribed already; 0: it runs whatever. */
  link_same_content: 0 | 1
  /** A recorded job (migration 0011): 'live' while the host records it, 'ended' once stopped,
   * 'recovered' when a crash's file was repaired at the next start; null/absent for a file. */
  recording?: 'live' | 'ended' | 'recovered' | null
}

/** 'auto' or an ISO 639-1 (or whisper's 3-letter) language code. */
export const LANGUAGE_CODE = /^(auto|[a-z]{2,3})$/
const LANGUAGE_MESSAGE = "use 'auto' or a language code like en, de, fr"
/** A full path on any desktop OS: `/…`, `C:\…`, `C:/…`, or a UNC share `\\server\…`. */
export function isAbsolutePath(path: string): boolean {
  return /^(?:\/|[A-Za-z]:[\\/]|\\\\)/.test(path)
}

/**
 * '' = <dataDir>/outputs/<jobId>/. A relative folder is refused: it would be resolved against
 * wherever the app or the browser host happened to start, not anywhere the user chose.
 */
export const OutputDirSchema = z
  .string()
  .max(4096)
  .refine((dir) => dir === '' || isAbsolutePath(dir), {
    message: 'use a full path such as /home/you/transcripts (a relative folder has no fixed place)'
  })

export const SpeakersChoiceSchema = z.union([
  z.enum(['off', 'auto']),
  z.number().int().min(1, 'at least 1 speaker').max(20, 'at most 20 speakers')
])
export type SpeakersChoice = z.infer<typeof SpeakersChoiceSchema>

/** silero = the Silero model through whisper.cpp; energy = the level-based fallback; off = none. */
export const VAD_CHOICES = ['silero', 'energy', 'off'] as const
export type VadChoice = (typeof VAD_CHOICES)[number]

/** What a user chooses per job, field by field; settings and the pipeline spec extend it. */
export const JobOptionsFields = z
  .object({
    engine: z.enum(ENGINE_NAMES),
    /** Engine model name or path; '' = the engine's default. */
    model: z.string().max(4096),
    processes: z.number().int().min(1).max(64),
    workers: z.number().int().min(1).max(64),
    chunkSeconds: z.number().min(5).max(3600),
    overlapSeconds: z.number().min(0).max(30),
    formats: z.array(z.enum(OUTPUT_FORMATS)).min(1).max(OUTPUT_FORMATS.length),
    outputDir: OutputDirSchema,
    /** 'auto' (detect) or an ISO 639-1 code; whisper only. Absent = 'auto'. */
    language: z.string().regex(LANGUAGE_CODE, LANGUAGE_MESSAGE).optional(),
    /** Translate into English instead of transcribing (whisper only). */
    translate: z.boolean().optional(),
    /**
     * A local engine also sends chunks to the saved endpoints: its processes and the servers
     * share each job (what `--engine pocketsphinx --endpoint …` does on the command line).
     * Meaningless for the endpoint engine, which uses the endpoints alone.
     */
    alsoEndpoints: z.boolean().optional(),
    /** Who spoke: 'off', 'auto' (the clustering threshold decides) or how many. */
    speakers: SpeakersChoiceSchema.optional(),
    /** Clustering threshold for 'auto': higher = fewer speakers. */
    speakerThreshold: z.number().min(0.05).max(0.95).optional(),
    /** Speaker models: a name from the model manager or a path; '' = the installed default. */
    segmentationModel: z.string().max(4096).optional(),
    embeddingModel: z.string().max(4096).optional(),
    /** Voice activity detection for chunk seams and no-speech gaps. */
    vad: z.enum(VAD_CHOICES).optional(),
    /** The VAD model: a name from the model manager or a path; '' = the installed default. */
    vadModel: z.string().max(4096).optional()
  })
  .strict()

/** What only a job has, never a default in the settings. */
export const JobOnlyFields = {
  /** Endpoints for this job; absent = the saved ones for the endpoint engine. */
  endpoints: z.array(EndpointRefSchema).max(64).optional()
}

/** Chunks overlap on both sides, so an overlap of half a chunk or more leaves nothing new. */
export function overlapBelowHalfChunk<
  T extends z.ZodType<Pick<JobOptions, 'chunkSeconds' | 'overlapSeconds'>>
>(schema: T): T {
  return schema.refine((o) => o.overlapSeconds * 2 < o.chunkSeconds, {
    message: 'overlap must be less than half the chunk length',
    path: ['overlapSeconds']
  })
}

/** What a user chooses per job; defaults come from Settings. */
export const JobOptionsSchema = overlapBelowHalfChunk(JobOptionsFields.extend(JobOnlyFields))
export type JobOptions = z.infer<typeof JobOptionsFields> & {
  endpoints?: z.infer<typeof JobOnlyFields.endpoints>
}

/** The job options inside a larger shape (the settings): a new job's defaults. */
export function jobOptionsIn(settings: JobOptions): JobOptions {
  return JobOptionsFields.strip().parse(settings)
}

/** The job options' defaults, and how the app behaves around jobs. */
export const SettingsSchema = overlapBelowHalfChunk(
  JobOptionsFields.extend({
    /** How many jobs run at once; the rest wait as `queued`. */
    concurrentJobs: z.number().int().min(1).max(16),
    orphanTimeoutSeconds: z.number().int().min(30).max(86_400),
    heartbeatIntervalSeconds: z.number().int().min(1).max(60),
    /** The editor underlines words whose engine confidence is below this (src/shared/doubtfulWords.ts). */
    doubtfulBelow: z.number().min(0, 'must be 0 – 100 %').max(1, 'must be 0 – 100 %'),
    /** Leaving the page that started a job stops it (unless kept in background). */
    autoStopOnLeave: z.boolean(),
    /** The emergency switch: off = jobs run and stop, but nothing is registered/heartbeated/reaped. */
    processTracking: z.boolean(),
    language: z.string().regex(LANGUAGE_CODE, LANGUAGE_MESSAGE),
    translate: z.boolean(),
    alsoEndpoints: z.boolean(),
    speakers: SpeakersChoiceSchema,
    speakerThreshold: z.number().min(0.05).max(0.95),
    segmentationModel: z.string().max(4096),
    embeddingModel: z.string().max(4096),
    /** A job's speaker takes a saved voice's name at or above this cosine similarity. */
    voiceMatchThreshold: z.number().min(0.3).max(0.99),
    vad: z.enum(VAD_CHOICES),
    vadModel: z.string().max(4096),
    /** Mirror of whisper.cpp's model files; '' = Hugging Face (TRANSCRIPTOR_MODEL_BASE_URL wins). */
    modelBaseUrl: z
      .string()
      .max(2048)
      .regex(/^(https?:\/\/\S+)?$/, 'must be an http(s) URL or empty')
  }).strict()
)
export type Settings = z.infer<typeof SettingsSchema>

export const DEFAULT_SETTINGS: Settings = {
  engine: 'pocketsphinx',
  model: '',
  processes: 2,
  workers: 1,
  chunkSeconds: 30,
  overlapSeconds: 2,
  formats: ['txt', 'srt', 'vtt', 'json'],
  outputDir: '',
  concurrentJobs: 1,
  orphanTimeoutSeconds: 300,
  heartbeatIntervalSeconds: 5,
  doubtfulBelow: DEFAULT_DOUBTFUL_BELOW,
  autoStopOnLeave: true,
  processTracking: true,
  language: 'auto',
  translate: false,
  alsoEndpoints: false,
  speakers: 'off',
  speakerThreshold: 0.5,
  segmentationModel: '',
  embeddingModel: '',
  voiceMatchThreshold: 0.7,
  vad: 'silero',
  vadModel: '',
  modelBaseUrl: ''
}

export interface ProcessInfo {
  pid: number
  ppid: number
  command: string
  cpuPercent: number
  memoryMb: number
  elapsedSeconds: number
}

/** Live status of a job's whole process tree (summed over every process in it). */
export interface ProcessStatus {
  running: boolean
  pid: number | null
  cpuPercent: number
  memoryMb: number
  elapsedSeconds: number
  processes: ProcessInfo[]
  /** Requests to endpoints in flight (their CPU is the server's, not measured here). */
  endpointRequests?: EndpointRequest[]
}

/** The status of a job none of whose processes runs (`pid`: the one it had, if known). */
export function notRunning(pid: number | null): ProcessStatus {
  return { running: false, pid, cpuPercent: 0, memoryMb: 0, elapsedSeconds: 0, processes: [] }
}

export interface MetricsSample {
  jobId: number
  /** Epoch ms. */
  at: number
  cpuPercent: number
  memoryMb: number
  processes: ProcessInfo[]
  /** Requests to endpoints in flight (their CPU is the server's, not measured here). */
  endpointRequests?: EndpointRequest[]
}

export interface LogBatch {
  jobId: number
  lines: string[]
}

export interface KillResult {
  jobId: number
  /** PIDs that were alive when the stop began and are gone now. */
  killed: number[]
  /** True when SIGKILL was needed for something that ignored SIGTERM. */
  escalated: boolean
  durationMs: number
  /** Nothing was running (stopping twice is fine). */
  alreadyStopped: boolean
  /** PIDs still alive after everything (should be empty; reported, never hidden). */
  survivors: number[]
}

/** The result of a stop that found nothing of the job running (stopping twice is fine). */
export function nothingKilled(jobId: number, durationMs = 0): KillResult {
  return { jobId, killed: [], escalated: false, durationMs, alreadyStopped: true, survivors: [] }
}

export interface EngineInfo {
  name: EngineName
  available: boolean
  /** What was found (binary path, version) or, when unavailable, exactly what to install. */
  detail: string
  models: string[]
}

export const HISTORY_SORTS = ['newest', 'oldest', 'name', 'longest'] as const
export type HistorySort = (typeof HISTORY_SORTS)[number]

/** One row of History: the job, and for a search, the transcript line that matched. */
export interface HistoryRow extends JobRow {
  /**
   * The matching part of the transcript with each hit between \u0002 and \u0003 (never HTML),
   * or null when the search matched only the file name (or there was no search).
   */
  snippet: string | null
}

export interface HistoryPage {
  rows: HistoryRow[]
  /** How many jobs match in all (for "1–50 of 10,000"). */
  total: number
}

/**
 * The queue page at open: every unfinished job as an id under its status (newest first), and the
 * rows of the first few only. 10,000 queued jobs are a few kilobytes of ids, not 10,000 rows; the
 * page asks for the rows it scrolls to (`jobs.getMany`).
 */
export interface QueueSnapshot {
  processing: number[]
  queued: number[]
  rows: JobRow[]
}

/**
 * The queue's batch (`jobs.batch`): the jobs added since the queue was last empty, by status, and
 * the time the whole queue has left. All zero and `since` null when nothing is queued or running.
 */
export interface BatchProgress {
  /** When the batch's first job was added (epoch ms). */
  since: number | null
  total: number
  completed: number
  failed: number
  cancelled: number
  processing: number
  queued: number
  /** Seconds until the queue is done, at earlier jobs' rate; null while it cannot be estimated. */
  etaSeconds: number | null
}

/** Rows one queue request (`jobs.queue`, `jobs.getMany`) may carry. */
export const QUEUE_ROWS_MAX = 500

/** Paths one `jobs.create` may carry: a big folder goes in several requests. */
export const CREATE_JOBS_MAX = 1000
