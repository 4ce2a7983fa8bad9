// The queue page's query: unfinished jobs as ids per status (newest first), the rows of the first
// few only, and rows by id in the order asked (a deleted one simply missing).
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import { QueueQuery } from '../../../src/main/core/db/queueQuery'
import { createTempDatabase, type TempDatabase } from '../../support/db'
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
