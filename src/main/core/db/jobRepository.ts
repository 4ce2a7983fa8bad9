// The job operations over `transcription_jobs`. Every status change is a guarded UPDATE
// (`WHERE id = ? AND status IN (...)`) that reports whether it applied, so a late event can never
// move a job out of completed/failed/cancelled (only the user's explicit Resume requeues a failed
// or cancelled one). Statements are prepared once per connection.
import type Database from 'better-sqlite3'
import { ACTIVE_STATUSES, type JobRow, type JobStatus, type OutputFiles } from '@shared/domain'

/** `('queued', 'processing')`: the statuses a guarded update may still move a job out of. */
export const ACTIVE_STATUS_SQL = `(${ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ')})`

/** A job's row as created: the options and the input; the rest is filled in as it runs.
 * `owner_*` say who created it (app instance and its pid): a queued job has no pipeline yet, so
 * this is how the reaper tells a job still waiting its turn from one whose creator has died. */
export type NewJob = Pick<
  JobRow,
  | 'filename'
  | 'original_path'
  | 'engine'
  | 'model'
  | 'processes'
  | 'workers'
  | 'chunk_seconds'
  | 'overlap_seconds'
  | 'formats'
  | 'output_dir'
> &
  Partial<Pick<JobRow, 'language' | 'translate' | 'vad' | 'vad_model'>> &
  Partial<
    Pick<JobRow, 'speakers' | 'speaker_threshold' | 'segmentation_model' | 'embedding_model'>
  > &
  Partial<Pick<JobRow, 'duration_seconds' | 'owner_instance' | 'owner_pid' | 'endpoints'>> &
  Partial<Pick<JobRow, 'link_same_content'>>

export interface JobFilter {
  status?: JobStatus
  /** Case-insensitive substring of filename, original_path or error_message. */
  search?: string
  limit?: number
}

// The reaper's view of the queue: who queued, then one owner's rows (`IS` matches nulls too).
const QUEUED_OWNERS_SQL = `SELECT DISTINCT owner_pid AS pid, owner_instance AS instance
  FROM transcription_jobs WHERE status = 'queued'`
const QUEUED_OF_SQL = `SELECT * FROM transcription_jobs
  WHERE status = 'queued' AND owner_pid IS @pid AND owner_instance IS @instance ORDER BY id`
/** Back in the queue, in the queue of the process that requeues it (requeueJob). */
const REQUEUE_SQL = `UPDATE transcription_jobs SET status = 'queued', progress = 0,
  error_message = NULL, cancel_reason = NULL, finished_at = NULL, warning = NULL, queued_at = @now,
  owner_pid = @pid, owner_instance = @instance
  WHERE id = @id AND status IN ('failed', 'cancelled')`

/**
 * The columns that decide what a job's transcript of given bytes says: two jobs that agree on
 * them transcribe the same bytes the same way (chunking, processes and formats change how fast it
 * comes or how it is written, not the words), so the later one may reuse the earlier transcript.
 */
const TRANSCRIPT_CHOICES = [
  'engine', 'model', 'language', 'translate', 'vad', 'vad_model', 'speakers',
  'segmentation_model', 'embedding_model'
] as const // prettier-ignore
type TranscriptChoices = Pick<JobRow, (typeof TRANSCRIPT_CHOICES)[number]>
const SAME_CHOICES_SQL = TRANSCRIPT_CHOICES.map((c) => `${c} = @${c}`).join(' AND ')
function choicesOf(job: TranscriptChoices): TranscriptChoices {
  return Object.fromEntries(TRANSCRIPT_CHOICES.map((c) => [c, job[c]])) as TranscriptChoices
}

// The job that ran on this content with the same choices (a linked one only when none did: it
// was deleted). Another engine, model, language, task, speech detection or speaker choice is a
// different transcript: that job runs.
const TRANSCRIBED_SQL = `SELECT * FROM transcription_jobs
  WHERE content_hash = @hash AND id <> @id AND status = 'completed' AND ${SAME_CHOICES_SQL}
  ORDER BY linked_job_id IS NULL DESC, id DESC LIMIT 1`
const STANDING_SQL = `SELECT * FROM transcription_jobs
  WHERE content_hash = @hash AND status IN ('completed', 'queued', 'processing')
    AND ${SAME_CHOICES_SQL}
  ORDER BY status = 'completed' DESC, id DESC LIMIT 1`
// Jobs with the same content and choices that have not ended yet, the earliest first.
const TWINS_SQL = `SELECT * FROM transcription_jobs
  WHERE content_hash = @hash AND id <> @id AND status IN ('queued', 'processing')
    AND ${SAME_CHOICES_SQL}
  ORDER BY id`
const CONTENT_HASH_SQL = 'UPDATE transcription_jobs SET content_hash = ? WHERE id = ?'
const LINK_SQL = `UPDATE transcription_jobs SET status = 'completed', progress = 1,
    started_at = @now, finished_at = @now, output_files = @outputs, linked_job_id = @earlier,
    duration_seconds = @duration
  WHERE id = @id AND status = 'queued'`

/** A job's content: its hash, the job that transcribed the same bytes, a link to that job. */
function contentStatements(
  db: Database.Database
): Record<'hash' | 'transcribed' | 'standing' | 'twins' | 'link', Database.Statement> {
  return {
    hash: db.prepare(CONTENT_HASH_SQL),
    transcribed: db.prepare(TRANSCRIBED_SQL),
    standing: db.prepare(STANDING_SQL),
    twins: db.prepare(TWINS_SQL),
    link: db.prepare(LINK_SQL)
  }
}

/** A new job's columns, with the value the table starts with for each one the caller left out. */
function withColumnDefaults<T extends Omit<NewJob, 'filename' | 'original_path'>>(input: T) {
  return {
    ...input,
    duration_seconds: input.duration_seconds ?? null,
    owner_instance: input.owner_instance ?? null,
    owner_pid: input.owner_pid ?? null,
    endpoints: input.endpoints ?? null,
    language: input.language ?? 'auto',
    translate: input.translate ?? 0,
    vad: input.vad ?? 'off',
    vad_model: input.vad_model ?? '',
    speakers: input.speakers ?? 'off',
    speaker_threshold: input.speaker_threshold ?? null,
    segmentation_model: input.segmentation_model ?? '',
    embedding_model: input.embedding_model ?? '',
    link_same_content: input.link_same_content ?? 0
  }
}

/** Who created a queued job: its process and app instance, both null on rows older than owners. */
export interface QueueOwner {
  pid: number | null
  instance: string | null
}

export interface ProcessRegistration {
  pid: number
  /** Opaque OS start-time token; identity is (pid, start time), never pid alone. */
  startTime: string | null
  pgid: number | null
  logPath: string
  ownerInstance: string
  ownerPid: number
}

/** The columns a new job's row is written with (the rest start at their defaults). */
const NEW_JOB_COLUMNS = [
  'filename', 'original_path', 'duration_seconds', 'engine', 'model', 'processes', 'workers',
  'chunk_seconds', 'overlap_seconds', 'formats', 'output_dir', 'owner_instance', 'owner_pid',
  'endpoints', 'language', 'translate', 'vad', 'vad_model', 'speakers', 'speaker_threshold',
  'segmentation_model', 'embedding_model', 'link_same_content'
] as const // prettier-ignore

/** `%`, `_` and the escape char itself match literally in a search. */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export class JobRepository {
  private readonly statements
  private readonly content: ReturnType<typeof contentStatements>
  private readonly heartbeatAll: Database.Transaction<(jobIds: number[], now: number) => number>

  constructor(db: Database.Database) {
    const update = (sql: string): Database.Statement => db.prepare(sql)
    this.statements = {
      insert: db.prepare(
        `INSERT INTO transcription_jobs
           (${NEW_JOB_COLUMNS.join(', ')}, status, created_at, queued_at)
         VALUES (${NEW_JOB_COLUMNS.map((c) => `@${c}`).join(', ')}, 'queued', @created_at,
           @created_at)
         RETURNING *`
      ),
      get: db.prepare('SELECT * FROM transcription_jobs WHERE id = ?'),
      list: db.prepare(
        `SELECT * FROM transcription_jobs
         WHERE (@status IS NULL OR status = @status)
           AND (@pattern IS NULL OR filename LIKE @pattern ESCAPE '\\'
                OR original_path LIKE @pattern ESCAPE '\\' OR error_message LIKE @pattern ESCAPE '\\')
         ORDER BY created_at DESC, id DESC
         LIMIT @limit`
      ),
      active: db.prepare(
        "SELECT * FROM transcription_jobs WHERE status = 'processing' ORDER BY id"
      ),
      queuedOwners: db.prepare(QUEUED_OWNERS_SQL),
      queuedOf: db.prepare(QUEUED_OF_SQL),
      orphaned: db.prepare(
        `SELECT * FROM transcription_jobs
         WHERE status = 'processing'
           AND ((last_heartbeat IS NOT NULL AND last_heartbeat < @cutoff)
             OR (last_heartbeat IS NULL AND COALESCE(started_at, created_at) < @cutoff))
         ORDER BY id`
      ),
      register: update(
        `UPDATE transcription_jobs SET process_id = @pid, process_start_time = @startTime,
           process_group_id = @pgid, log_file_path = @logPath, owner_instance = @ownerInstance,
           owner_pid = @ownerPid, last_heartbeat = @now
         WHERE id = @id AND status IN ${ACTIVE_STATUS_SQL}`
      ),
      heartbeat: update(
        "UPDATE transcription_jobs SET last_heartbeat = ? WHERE id = ? AND status = 'processing'"
      ),
      start: update(
        `UPDATE transcription_jobs SET status = 'processing', started_at = ?, error_message = NULL
         WHERE id = ? AND status = 'queued'`
      ),
      progress: update(
        "UPDATE transcription_jobs SET progress = ? WHERE id = ? AND status = 'processing'"
      ),
      duration: update('UPDATE transcription_jobs SET duration_seconds = ? WHERE id = ?'),
      complete: update(
        `UPDATE transcription_jobs SET status = 'completed', progress = 1, finished_at = ?,
           output_files = ?
         WHERE id = ? AND status = 'processing'`
      ),
      fail: update(
        `UPDATE transcription_jobs SET status = 'failed', error_message = ?, finished_at = ?
         WHERE id = ? AND status IN ${ACTIVE_STATUS_SQL}`
      ),
      cancel: update(
        `UPDATE transcription_jobs SET status = 'cancelled', cancel_reason = ?, finished_at = ?
         WHERE id = ? AND status IN ${ACTIVE_STATUS_SQL}`
      ),
      requeue: update(REQUEUE_SQL),
      warn: update(
        `UPDATE transcription_jobs
           SET warning = CASE WHEN warning IS NULL THEN @message ELSE warning || '; ' || @message END
         WHERE id = @id AND status = 'processing'`
      ),
      keep: update('UPDATE transcription_jobs SET keep_in_background = ? WHERE id = ?'),
      // A processing row is the only record of a live process tree: stop it first.
      delete: update("DELETE FROM transcription_jobs WHERE id = ? AND status <> 'processing'")
    }
    this.content = contentStatements(db)
    const heartbeat = this.statements.heartbeat
    this.heartbeatAll = db.transaction((jobIds: number[], now: number) =>
      jobIds.reduce((sum, id) => sum + heartbeat.run(now, id).changes, 0)
    )
  }

  createJob(input: NewJob, now = Date.now()): JobRow {
    return this.statements.insert.get({ ...withColumnDefaults(input), created_at: now }) as JobRow
  }

  getJob(id: number): JobRow | null {
    return (this.statements.get.get(id) as JobRow | undefined) ?? null
  }

  /** Newest first. */
  listJobs(filter: JobFilter = {}): JobRow[] {
    return this.statements.list.all({
      status: filter.status ?? null,
      pattern: filter.search ? likePattern(filter.search) : null,
      limit: filter.limit !== undefined && filter.limit >= 0 ? Math.floor(filter.limit) : -1
    }) as JobRow[]
  }

  getActiveJobs(): JobRow[] {
    return this.statements.active.all() as JobRow[]
  }

  /** Who queued the waiting jobs: one entry per owner, however long its queue. */
  getQueuedOwners(): QueueOwner[] {
    return this.statements.queuedOwners.all() as QueueOwner[]
  }

  /** The waiting jobs one owner queued (`null`s match rows that record no owner). */
  getQueuedJobsOf(owner: QueueOwner): JobRow[] {
    return this.statements.queuedOf.all(owner) as JobRow[]
  }

  /** Processing jobs whose heartbeat (or, before the first one, start) is older than the timeout. */
  getOrphanedJobs(timeoutSeconds: number, now = Date.now()): JobRow[] {
    return this.statements.orphaned.all({ cutoff: now - timeoutSeconds * 1000 }) as JobRow[]
  }

  /** Records the pipeline's identity; false if the job is gone or already finished. */
  registerProcess(jobId: number, p: ProcessRegistration, now = Date.now()): boolean {
    return this.applied(this.statements.register.run({ id: jobId, ...p, now }))
  }

  /**
   * One immediate transaction for all jobs (taking the write lock up front means the busy
   * timeout applies instead of a snapshot conflict). Returns how many processing rows it touched.
   */
  updateHeartbeat(jobIds: number[], now = Date.now()): number {
    if (jobIds.length === 0) return 0
    return this.heartbeatAll.immediate(jobIds, now)
  }

  startJob(id: number, now = Date.now()): boolean {
    return this.applied(this.statements.start.run(now, id))
  }

  updateProgress(id: number, fraction: number): boolean {
    if (!Number.isFinite(fraction)) return false
    return this.applied(this.statements.progress.run(Math.min(1, Math.max(0, fraction)), id))
  }

  setDuration(id: number, seconds: number): boolean {
    if (!Number.isFinite(seconds) || seconds < 0) return false
    return this.applied(this.statements.duration.run(seconds, id))
  }

  completeJob(id: number, outputFiles: Record<string, string>, now = Date.now()): boolean {
    return this.applied(this.statements.complete.run(now, JSON.stringify(outputFiles), id))
  }

  failJob(id: number, message: string, now = Date.now()): boolean {
    return this.applied(this.statements.fail.run(message, now, id))
  }

  cancelJob(id: number, reason: string, now = Date.now()): boolean {
    return this.applied(this.statements.cancel.run(reason, now, id))
  }

  /** Adds a caveat to a running job's row (kept when it completes). */
  addWarning(id: number, message: string): boolean {
    return this.applied(this.statements.warn.run({ id, message }))
  }

  /**
   * A stopped or failed job goes back in the queue (to be resumed); same id, same log. It waits
   * in `owner`'s queue now: under the owner that created it (a process gone since) the reaper
   * would fail it as an orphan before its turn came (orphanReaper.ts judges queued rows so).
   */
  requeueJob(id: number, owner: { pid: number; instance: string }, now = Date.now()): boolean {
    return this.applied(this.statements.requeue.run({ id, now, ...owner }))
  }

  setContentHash(id: number, hash: string): boolean {
    return this.applied(this.content.hash.run(hash, id))
  }

  /** The newest completed job whose input had these bytes, transcribed as `job` asks, or null. */
  transcribedContent(hash: string, job: JobRow): JobRow | null {
    const row = this.content.transcribed.get({ hash, id: job.id, ...choicesOf(job) })
    return (row as JobRow | undefined) ?? null
  }

  /** Jobs on these bytes with `job`'s choices that have not ended (queued or running). */
  contentTwins(hash: string, job: JobRow): JobRow[] {
    return this.content.twins.all({ hash, id: job.id, ...choicesOf(job) }) as JobRow[]
  }

  /**
   * The job that stands for these bytes with the choices a new `job` would have: the newest
   * completed one, else one still queued or running (a new copy waits for it). Failed and
   * cancelled jobs do not count.
   */
  standingContent(hash: string, job: Omit<NewJob, 'filename' | 'original_path'>): JobRow | null {
    const row = this.content.standing.get({ hash, ...choicesOf(withColumnDefaults(job)) })
    return (row as JobRow | undefined) ?? null
  }

  /** A queued job completed by reusing `earlier`'s transcript; false if it no longer waits. */
  completeLinked(id: number, earlier: JobRow, outputFiles: OutputFiles, now = Date.now()): boolean {
    return this.applied(
      this.content.link.run({
        id,
        now,
        earlier: earlier.id,
        duration: earlier.duration_seconds,
        outputs: JSON.stringify(outputFiles)
      })
    )
  }

  setKeepInBackground(id: number, keep: boolean): boolean {
    return this.applied(this.statements.keep.run(keep ? 1 : 0, id))
  }

  /** Deletes a finished or queued job; a processing job must be stopped first (returns false). */
  deleteJob(id: number): boolean {
    return this.applied(this.statements.delete.run(id))
  }

  private applied(result: Database.RunResult): boolean {
    return result.changes > 0
  }
}
