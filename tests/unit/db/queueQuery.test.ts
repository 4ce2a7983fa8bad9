// The queue page's query: unfinished jobs as ids per status (newest first), the rows of the first
// few only, and rows by id in the order asked (a deleted one simply missing). The batch line: the
// jobs added since the queue was last empty, by status, and the queue's time left.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import { QueueQuery } from '../../../src/main/core/db/queueQuery'
import { BatchQuery } from '../../../src/main/core/db/batchQuery'
import { createTempDatabase, sampleJob, type TempDatabase } from '../../support/db'
import { seedQueue } from '../../support/queueSeed'

let temp: TempDatabase
beforeEach(() => (temp = createTempDatabase()))
afterEach(() => temp.cleanup())

describe('queue query', () => {
  test('ids per status newest first, ended jobs left out, rows of the newest only', () => {
    const jobs = new JobRepository(temp.db)
    const [a, b, c, d, e] = seedQueue(temp.db, 5)
    jobs.startJob(b)
    jobs.startJob(c)
    jobs.completeJob(c, {})
    jobs.cancelJob(d, 'stopped by user')
    const snapshot = new QueueQuery(temp.db).snapshot(2)
    expect(snapshot.processing).toEqual([b])
    expect(snapshot.queued).toEqual([e, a])
    expect(snapshot.rows.map((r) => [r.id, r.status])).toEqual([
      [e, 'queued'],
      [b, 'processing']
    ])
  })

  test('rows by id in the order asked; a deleted job is not there', () => {
    const [a, b, c] = seedQueue(temp.db, 3)
    temp.db.prepare('DELETE FROM transcription_jobs WHERE id = ?').run(b)
    const rows = new QueueQuery(temp.db).rows([c, b, a])
    expect(rows.map((r) => [r.id, r.filename])).toEqual([
      [c, 'batch-00002.wav'],
      [a, 'batch-00000.wav']
    ])
    expect(new QueueQuery(temp.db).rows([])).toEqual([])
  })
})

describe('the batch line', () => {
  /** A job of an earlier batch: 100 s of audio in 50 s with one process (rate 0.5), ended at `at`. */
  function earlierJob(jobs: JobRepository, at: number): void {
    const { id } = jobs.createJob(sampleJob({ processes: 1 }), at - 60_000)
    jobs.startJob(id, at - 50_000)
    jobs.setDuration(id, 100)
    jobs.completeJob(id, {}, at)
  }

  test('counts the jobs added since the queue was last empty, not earlier ones', () => {
    const jobs = new JobRepository(temp.db)
    const batch = new BatchQuery(temp.db)
    expect(batch.progress(1)).toEqual({
      since: null,
      total: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
      processing: 0,
      queued: 0,
      etaSeconds: null
    })
    earlierJob(jobs, Date.now() - 3_600_000)
    const [a, b, c, d] = seedQueue(temp.db, 6)
    jobs.startJob(a)
    jobs.completeJob(a, {})
    jobs.startJob(b)
    jobs.failJob(b, 'not audio')
    jobs.cancelJob(c, 'stopped by user')
    jobs.startJob(d)
    expect(batch.progress(1)).toMatchObject({
      total: 6,
      completed: 1,
      failed: 1,
      cancelled: 1,
      processing: 1,
      queued: 2
    })
    // The jobs that ended count as long as the queue has not been empty since they were added.
    jobs.cancelJob(d, 'stopped by user')
    expect(batch.progress(1)).toMatchObject({
      total: 6,
      cancelled: 2,
      queued: 2,
      since: jobs.getJob(a)?.queued_at
    })
  })

  test('a resumed old job counts from its resume: the jobs that ended before stay out', () => {
    const jobs = new JobRepository(temp.db)
    const batch = new BatchQuery(temp.db)
    const twoDaysAgo = Date.now() - 2 * 86_400_000
    const old = jobs.createJob(sampleJob(), twoDaysAgo).id
    jobs.cancelJob(old, 'stopped by user', twoDaysAgo + 1_000)
    // Three jobs of that day, all finished since.
    for (let hour = 1; hour <= 3; hour++) earlierJob(jobs, twoDaysAgo + hour * 3_600_000)
    const [a, b] = seedQueue(temp.db, 2)
    jobs.startJob(a)
    jobs.completeJob(a, {})
    expect(jobs.requeueJob(old, { pid: process.pid, instance: 'here' })).toBe(true)
    expect(jobs.getJob(old)?.queued_at).toBeGreaterThan(jobs.getJob(b)?.queued_at ?? Infinity)
    // Today's batch: a (done), b and the resumed job (queued); not the day-old ones.
    expect(batch.progress(1)).toMatchObject({
      total: 3,
      completed: 1,
      cancelled: 0,
      queued: 2,
      since: jobs.getJob(a)?.queued_at
    })
  })

  test('the time left: queued audio at the earlier rate, an unprobed job as the batch’s average', () => {
    const jobs = new JobRepository(temp.db)
    const batch = new BatchQuery(temp.db)
    const [a, b, c] = seedQueue(temp.db, 3).map((id) => {
      temp.db.prepare('UPDATE transcription_jobs SET processes = 1 WHERE id = ?').run(id)
      return id
    })
    // Nothing measured yet: no rate, no duration.
    expect(batch.progress(1).etaSeconds).toBeNull()
    earlierJob(jobs, 1_000)
    expect(batch.progress(1).etaSeconds).toBeNull() // the rate is known, no duration yet
    jobs.startJob(a)
    jobs.setDuration(a, 200)
    jobs.updateProgress(a, 0.5)
    // a: 100 s of audio left; b and c not probed: 200 s each (the average). 500 s × 0.5 = 250 s.
    expect(batch.progress(1).etaSeconds).toBe(250)
    expect(batch.progress(2).etaSeconds).toBe(125) // two jobs at once
    jobs.startJob(b)
    jobs.setDuration(b, 40)
    // Average now 120 s: a 100 + b 40 + c 120 = 260 s × 0.5.
    expect(batch.progress(1).etaSeconds).toBe(130)
    expect(jobs.getJob(c)?.status).toBe('queued')
  })
})
