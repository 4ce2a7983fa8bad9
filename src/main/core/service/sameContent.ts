// A job's turn: its input's bytes are hashed (read as a stream: core/watch/contentHash.ts) and
// stored with it. When a completed job had the same bytes and this one may be linked
// (link_same_content: a dropped file, the CLI's transcribe), nothing runs: that job's transcript
// becomes this one's, is exported again to its output folder under the unique-name rule, and its
// log and row (linked_job_id) say which job it reused. Hashed at its turn, not when added: adding
// 10,000 files reads none of them. "Transcribe again", passages and recordings run whatever.
// Two copies whose turns come together: the later one waits in the queue until the earlier one
// ends (then is linked to it, or runs if it failed), so one content is transcribed once. Only a
// twin started by this process is waited for: one in another process may never end here.
import { appendFile, mkdir, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { JobRow, LogBatch } from '@shared/domain'
import type { Transcript } from '@shared/transcript'
import { oneLineError } from '@shared/errors'
import { sameContentText } from '@shared/sameContent'
import type { JobRepository } from '../db/jobRepository'
import type { TranscriptRepository } from '../transcripts/transcriptRepository'
import { readTranscript } from '../transcripts/readTranscript'
import { contentHash } from '../watch/contentHash'
import { claimOutputsSync, writeOutputs } from '../../pipeline/writeOutputs'
import { jobLogPath } from '../paths'
import { jobOptionsOf } from './jobOptions'
import { outputBaseName, outputDirFor } from './jobOutputs'
import type { QueuedJob } from './jobScheduler'

export interface SameContentDeps {
  repo: JobRepository
  transcripts: TranscriptRepository
  dataDir: string
  /** Runs the job's pipeline (JobRunner.start). */
  start: (queued: QueuedJob) => void
  /** The job's turn ended without a pipeline: its slot frees up. */
  ended: (jobId: number) => void
  changed: (jobId: number) => void
  /** Lines written to the job's log, for the pages that show it live. */
  logged: (batch: LogBatch) => void
  /** A passage of another job: its bytes are the whole file's, its transcript only a stretch. */
  isPassage: (jobId: number) => boolean
  /** Whether this process has started the job (its pipeline runs, or its input is read). */
  isStarted: (jobId: number) => boolean
  /** Back in the queue, to start again once `twinId` has ended (JobScheduler.waitBehind). */
  waitBehind: (jobId: number, twinId: number) => void
}

/** The scheduler's start: hashes the input, then links the job or runs it. */
export function startOrLink(deps: SameContentDeps, queued: QueuedJob): void {
  const job = deps.repo.getJob(queued.jobId)
  const hashed =
    job !== null &&
    job.status === 'queued' &&
    queued.resume !== true &&
    !job.recording &&
    !deps.isPassage(job.id)
  if (!hashed) return deps.start(queued)
  let started = false
  const start = (): void => {
    started = true
    deps.start(queued)
  }
  // What fails before a link (storing the hash on a full disk, reading the earlier transcript) is
  // no reason not to run the job: it starts as every job does, and its start meets the same fault
  // and handles it (a full disk holds the outcome: jobRunner.ts).
  void linkOrStart(deps, start, job).catch(() => {
    if (started) return // a start that threw: the service closed meanwhile (below)
    try {
      start()
    } catch {
      // The service shut down while the input was read: the row stays queued, and the next
      // start of the app or CLI queues it again.
    }
  })
}

async function linkOrStart(deps: SameContentDeps, start: () => void, job: JobRow): Promise<void> {
  // Unreadable: the pipeline then says why, as it does for every input.
  const hash = job.content_hash ?? (await contentHash(job.original_path).catch(() => null))
  if (hash === null) return start()
  deps.repo.setContentHash(job.id, hash)
  const linkable = job.link_same_content === 1
  const earlier = linkable ? deps.repo.transcribedContent(hash, job) : null
  const transcript = earlier && readTranscript(earlier, deps.transcripts)
  // Stopped while it was read: the runner finds it so and frees its slot.
  const current = deps.repo.getJob(job.id)
  if (current?.status !== 'queued') return start()
  const twin = linkable && !earlier ? startedTwin(deps, hash, current) : null
  if (twin) return waitForTwin(deps, current, twin)
  if (!earlier || !transcript) return start()
  try {
    await link(deps, current, earlier, transcript)
  } catch (error) {
    const why = `could not reuse the transcript of job ${earlier.id}: ${oneLineError(error)}`
    try {
      deps.repo.failJob(job.id, why)
      await log(deps, job.id, [`failed: ${why}`])
    } catch {
      // The database or the disk refuses even that: the row stays queued for the next start.
    }
  } finally {
    deps.changed(job.id)
    deps.ended(job.id)
  }
}

function startedTwin(deps: SameContentDeps, hash: string, job: JobRow): JobRow | null {
  return deps.repo.contentTwins(hash, job).find((twin) => deps.isStarted(twin.id)) ?? null
}

async function waitForTwin(deps: SameContentDeps, job: JobRow, twin: JobRow): Promise<void> {
  // Logged first: a log that cannot be written leaves the job to start as every job does.
  await log(deps, job.id, [
    `waiting for job ${twin.id} (${twin.filename}): same content, its transcript will be reused`
  ])
  deps.waitBehind(job.id, twin.id)
}

async function link(
  deps: SameContentDeps,
  job: JobRow,
  earlier: JobRow,
  transcript: Transcript
): Promise<void> {
  const { formats } = jobOptionsOf(job)
  const dir = outputDirFor(job, deps.dataDir)
  const base = outputBaseName(job.filename)
  const written = await writeOutputs(
    transcript,
    formats,
    dir,
    base,
    claimOutputsSync(formats, dir, base)
  )
  const paths = Object.values(written)
  await log(deps, job.id, [
    `linked: ${sameContentText(earlier)} ("Transcribe again" runs it)`,
    `exported again: ${paths.join(', ')}`
  ])
  deps.transcripts.storeOriginal(job.id, transcript)
  // Stopped or deleted while its files were written: they are nobody's.
  if (!deps.repo.completeLinked(job.id, earlier, written))
    await Promise.all(paths.map((p) => rm(p, { force: true })))
}

async function log(deps: SameContentDeps, jobId: number, lines: string[]): Promise<void> {
  const path = jobLogPath(deps.dataDir, jobId)
  await mkdir(dirname(path), { recursive: true })
  await appendFile(path, lines.map((l) => `${l}\n`).join(''))
  deps.logged({ jobId, lines })
}
