// The job operations against a real migrated database; status changes must be guarded.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { DEFAULT_SETTINGS, jobOptionsIn, type JobOptions, type JobStatus } from '@shared/domain'
import { jobColumnsOf, jobOptionsOf } from '../../../src/main/core/service/jobOptions'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import { createTempDatabase, sampleJob, type TempDatabase } from '../../support/db'

let temp: TempDatabase
let jobs: JobRepository
beforeEach(() => {
  temp = createTempDatabase()
  jobs = new JobRepository(temp.db)
})
afterEach(() => temp.cleanup())

const registration = {
  pid: 4242,
  startTime: '123456',
  pgid: 4242,
  logPath: '/tmp/transcribe_job_1.log',
  ownerInstance: 'instance-a',
  ownerPid: 999
}

/** A job driven to `status` through the real transitions. */
function jobIn(status: JobStatus): number {
  const { id } = jobs.createJob(sampleJob())
  if (status === 'queued') return id
  expect(jobs.startJob(id)).toBe(true)
  if (status === 'completed') expect(jobs.completeJob(id, { txt: '/o/a.txt' })).toBe(true)
  if (status === 'failed') expect(jobs.failJob(id, 'engine crashed')).toBe(true)
  if (status === 'cancelled') expect(jobs.cancelJob(id, 'user stopped it')).toBe(true)
  return id
}

describe('create, get, list', () => {
  test('createJob returns the full row, queued, with DB column names', () => {
    const job = jobs.createJob(sampleJob({ duration_seconds: 12.5 }), 1_000)
    expect(job).toMatchObject({
      filename: 'talk.wav',
      status: 'queued',
      progress: 0,
      duration_seconds: 12.5,
      created_at: 1_000,
      process_id: null,
      keep_in_background: 0
    })
    expect(jobs.getJob(job.id)).toEqual(job)
    expect(jobs.getJob(job.id + 100)).toBeNull()
  })

  test("a job's options come back from its row as they were asked, speakers and detector too", () => {
    const asked: JobOptions = {
      ...jobOptionsIn(DEFAULT_SETTINGS),
      speakers: 3,
      speakerThreshold: 0.7,
      segmentationModel: 'pyannote-segmentation-3.0',
      embeddingModel: '/models/voices.onnx',
      vad: 'energy'
    }
    const row = jobs.createJob({
      filename: 'a.wav',
      original_path: '/a.wav',
      ...jobColumnsOf(asked)
    })
    expect(jobOptionsOf(row)).toMatchObject({
      speakers: 3,
      speakerThreshold: 0.7,
      segmentationModel: 'pyannote-segmentation-3.0',
      embeddingModel: '/models/voices.onnx',
      vad: 'energy'
    })
    const auto = jobs.createJob({
      filename: 'b.wav',
      original_path: '/b.wav',
      ...jobColumnsOf({ ...asked, speakers: 'auto', speakerThreshold: undefined })
    })
    expect(jobOptionsOf(auto).speakers).toBe('auto')
    expect(jobOptionsOf(auto)).not.toHaveProperty('speakerThreshold')
  })

  test('listJobs is newest first and filters by status, search and limit', () => {
    const old = jobs.createJob(sampleJob({ filename: 'old.wav' }), 1_000)
    const mid = jobs.createJob(sampleJob({ filename: '100%_sure.wav' }), 2_000)
    const recent = jobs.createJob(sampleJob({ filename: 'new.wav' }), 3_000)
    jobs.startJob(mid.id)
    jobs.failJob(mid.id, 'decoder said NOPE')

    expect(jobs.listJobs().map((j) => j.id)).toEqual([recent.id, mid.id, old.id])
    expect(jobs.listJobs({ status: 'failed' }).map((j) => j.id)).toEqual([mid.id])
    expect(jobs.listJobs({ limit: 1 }).map((j) => j.id)).toEqual([recent.id])
    expect(jobs.listJobs({ search: 'nope' }).map((j) => j.id)).toEqual([mid.id])
    // LIKE wildcards in the search text match literally.
    expect(jobs.listJobs({ search: '100%_' }).map((j) => j.id)).toEqual([mid.id])
    expect(jobs.listJobs({ search: '%' }).map((j) => j.id)).toEqual([mid.id])
    expect(jobs.listJobs({ search: 'o_d' })).toEqual([])
  })
})

describe('guarded transitions', () => {
  test('queued → processing → completed', () => {
    const { id } = jobs.createJob(sampleJob())
    expect(jobs.completeJob(id, {})).toBe(false) // not started yet
    expect(jobs.startJob(id, 5_000)).toBe(true)
    expect(jobs.startJob(id)).toBe(false)
    expect(jobs.getJob(id)).toMatchObject({ status: 'processing', started_at: 5_000 })
    expect(jobs.completeJob(id, { txt: '/o/a.txt' }, 9_000)).toBe(true)
    expect(jobs.getJob(id)).toMatchObject({
      status: 'completed',
      progress: 1,
      finished_at: 9_000,
      output_files: JSON.stringify({ txt: '/o/a.txt' })
    })
  })

  test('a queued job can be cancelled or failed without starting', () => {
    const a = jobIn('queued')
    expect(jobs.cancelJob(a, 'removed from queue')).toBe(true)
    expect(jobs.getJob(a)).toMatchObject({
      status: 'cancelled',
      cancel_reason: 'removed from queue'
    })
    const b = jobIn('queued')
    expect(jobs.failJob(b, 'file vanished')).toBe(true)
    expect(jobs.getJob(b)).toMatchObject({ status: 'failed', error_message: 'file vanished' })
  })

  for (const terminal of ['completed', 'failed', 'cancelled'] as const) {
    test(`${terminal} never changes status again`, () => {
      const id = jobIn(terminal)
      const before = jobs.getJob(id)
      expect(jobs.startJob(id)).toBe(false)
      expect(jobs.completeJob(id, { txt: '/late.txt' })).toBe(false)
      expect(jobs.failJob(id, 'late exit event')).toBe(false)
      expect(jobs.cancelJob(id, 'late stop')).toBe(false)
      expect(jobs.updateProgress(id, 0.5)).toBe(false)
      expect(jobs.registerProcess(id, registration)).toBe(false)
      expect(jobs.updateHeartbeat([id])).toBe(0)
      expect(jobs.getJob(id)).toEqual(before)
    })
  }

  test('transitions on a missing job report false', () => {
    expect(jobs.startJob(404)).toBe(false)
    expect(jobs.cancelJob(404, 'x')).toBe(false)
    expect(jobs.deleteJob(404)).toBe(false)
  })
})

describe('progress, duration, keep in background, delete', () => {
  test('progress only moves while processing and is clamped to 0..1', () => {
    const id = jobIn('queued')
    expect(jobs.updateProgress(id, 0.3)).toBe(false)
    jobs.startJob(id)
    expect(jobs.updateProgress(id, 1.7)).toBe(true)
    expect(jobs.getJob(id)?.progress).toBe(1)
    expect(jobs.updateProgress(id, -2)).toBe(true)
    expect(jobs.getJob(id)?.progress).toBe(0)
    expect(jobs.updateProgress(id, Number.NaN)).toBe(false)
    expect(jobs.updateProgress(id, 0.25)).toBe(true)
    expect(jobs.getJob(id)?.progress).toBe(0.25)
  })

  test('duration and keep-in-background are stored', () => {
    const id = jobIn('processing')
    expect(jobs.setDuration(id, 61.5)).toBe(true)
    expect(jobs.setDuration(id, -1)).toBe(false)
    expect(jobs.setKeepInBackground(id, true)).toBe(true)
    expect(jobs.getJob(id)).toMatchObject({ duration_seconds: 61.5, keep_in_background: 1 })
    expect(jobs.setKeepInBackground(id, false)).toBe(true)
    expect(jobs.getJob(id)?.keep_in_background).toBe(0)
  })

  test('a processing job cannot be deleted (it is the record of a live process); others can', () => {
    const running = jobIn('processing')
    expect(jobs.deleteJob(running)).toBe(false)
    expect(jobs.getJob(running)).not.toBeNull()
    const done = jobIn('completed')
    expect(jobs.deleteJob(done)).toBe(true)
    expect(jobs.getJob(done)).toBeNull()
  })
})

describe('process tracking', () => {
  test('registerProcess records identity, owner, log and a first heartbeat', () => {
    const id = jobIn('processing')
    expect(jobs.registerProcess(id, registration, 7_000)).toBe(true)
    expect(jobs.getJob(id)).toMatchObject({
      process_id: 4242,
      process_start_time: '123456',
      process_group_id: 4242,
      log_file_path: '/tmp/transcribe_job_1.log',
      owner_instance: 'instance-a',
      owner_pid: 999,
      last_heartbeat: 7_000
    })
    expect(jobs.getActiveJobs().map((j) => j.id)).toEqual([id])
  })

  test('updateHeartbeat touches only processing jobs, in one call', () => {
    const a = jobIn('processing')
    const b = jobIn('processing')
    const done = jobIn('completed')
    const queued = jobIn('queued')
    expect(jobs.updateHeartbeat([a, b, done, queued, 404], 50_000)).toBe(2)
    expect(jobs.getJob(a)?.last_heartbeat).toBe(50_000)
    expect(jobs.getJob(b)?.last_heartbeat).toBe(50_000)
    expect(jobs.getJob(done)?.last_heartbeat).toBeNull()
    expect(jobs.updateHeartbeat([])).toBe(0)
  })

  test('getOrphanedJobs: stale heartbeat, or no heartbeat and started long ago', () => {
    const now = 1_000_000
    const fresh = jobs.createJob(sampleJob())
    jobs.startJob(fresh.id, now - 10_000)
    jobs.registerProcess(fresh.id, registration, now - 10_000)
    const stale = jobs.createJob(sampleJob())
    jobs.startJob(stale.id, now - 900_000)
    jobs.registerProcess(stale.id, registration, now - 400_000)
    const neverBeat = jobs.createJob(sampleJob())
    jobs.startJob(neverBeat.id, now - 400_000)
    const justStarted = jobs.createJob(sampleJob())
    jobs.startJob(justStarted.id, now - 1_000)
    const finished = jobIn('failed')

    const orphaned = jobs.getOrphanedJobs(300, now).map((j) => j.id)
    expect(orphaned).toEqual([stale.id, neverBeat.id])
    expect(orphaned).not.toContain(finished)
  })
})

describe('the job standing for some content (a watched folder links a copy to it)', () => {
  const withHash = (status: JobStatus, overrides: Parameters<typeof sampleJob>[0] = {}): number => {
    const { id } = jobs.createJob(sampleJob(overrides))
    jobs.setContentHash(id, 'h1')
    if (status === 'queued') return id
    expect(jobs.startJob(id)).toBe(true)
    if (status === 'completed') expect(jobs.completeJob(id, { txt: '/o/a.txt' })).toBe(true)
    if (status === 'failed') expect(jobs.failJob(id, 'engine crashed')).toBe(true)
    return id
  }
  const asked = (overrides: Partial<JobOptions> = {}): ReturnType<typeof jobColumnsOf> =>
    jobColumnsOf({ ...jobOptionsIn(DEFAULT_SETTINGS), engine: 'pocketsphinx', ...overrides })

  test('the completed job with the same choices; chunking and formats do not matter', () => {
    const done = withHash('completed', asked())
    withHash('queued', asked())
    expect(jobs.standingContent('h1', asked({ chunkSeconds: 90, formats: ['json'] }))?.id).toBe(
      done
    )
  })

  test('none for the same bytes asked of another engine, model, language or speakers', () => {
    withHash('completed', asked())
    expect(jobs.standingContent('h1', asked({ engine: 'whisper', model: 'base.en' }))).toBeNull()
    expect(jobs.standingContent('h1', asked({ language: 'de' }))).toBeNull()
    expect(jobs.standingContent('h1', asked({ speakers: 'auto' }))).toBeNull()
    expect(jobs.standingContent('h2', asked())).toBeNull()
  })

  test('a queued one when none completed; a failed one never', () => {
    withHash('failed', asked())
    expect(jobs.standingContent('h1', asked())).toBeNull()
    const waiting = withHash('queued', asked())
    expect(jobs.standingContent('h1', asked())?.id).toBe(waiting)
  })
})
