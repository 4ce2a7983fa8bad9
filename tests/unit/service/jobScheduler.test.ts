// The queue between "the user asked" and "a pipeline runs": slots, owners, and a job sent back to
// wait behind its twin (the same content started by another job: core/service/sameContent.ts).
import { expect, test } from 'vitest'
import { JobScheduler, type QueuedJob } from '../../../src/main/core/service/jobScheduler'

function scheduler(limit: number): { s: JobScheduler; started: number[] } {
  const started: number[] = []
  const s = new JobScheduler(
    () => limit,
    (job: QueuedJob) => started.push(job.jobId)
  )
  return { s, started }
}

const job = (jobId: number, ownerId = 'page'): QueuedJob => ({
  jobId,
  ownerId,
  keepInBackground: false
})

test('a job sent back behind its twin frees its slot, keeps its place, and starts when the twin ends', () => {
  const { s, started } = scheduler(2)
  s.enqueue(job(1))
  s.enqueue(job(2))
  s.enqueue(job(3))
  expect(started).toEqual([1, 2])

  s.waitBehind(2, 1)
  // Its slot went to the next job; it waits at the head of the queue, still its owner's.
  expect(started).toEqual([1, 2, 3])
  expect(s.waitingOwnedBy('page').map((j) => j.jobId)).toEqual([2])
  expect(s.isRunning(2)).toBe(false)

  s.finished(3)
  expect(started).toEqual([1, 2, 3]) // a free slot, but its twin still runs
  s.enqueue(job(4))
  expect(started).toEqual([1, 2, 3, 4]) // a job behind it is not held up
  s.finished(1)
  expect(started).toEqual([1, 2, 3, 4, 2])
})

test('a started job is its owner\'s until it ends: a page leaving finds it, "keep" reaches it', () => {
  const { s } = scheduler(1)
  s.enqueue(job(1, 'a'))
  s.enqueue(job(2, 'b'))
  expect(s.startedOwnedBy('a').map((j) => j.jobId)).toEqual([1])
  expect(s.startedOwnedBy('b')).toEqual([])
  s.setKeepInBackground(1, true)
  expect(s.startedOwnedBy('a')[0].keepInBackground).toBe(true)
  s.finished(1)
  expect(s.startedOwnedBy('a')).toEqual([])
  expect(s.startedOwnedBy('b').map((j) => j.jobId)).toEqual([2])
})
