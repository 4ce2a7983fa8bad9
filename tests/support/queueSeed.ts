// Many queued jobs written straight into a data dir's database, as a batch another process (the
// CLI's `watch`, another window) queued: each row records a live owner pid, so a host opening the
// database leaves them waiting (neither starts nor reaps them). For the queue page's scale test
// and its benchmark.
import type Database from 'better-sqlite3'
import { JobRepository } from '../../src/main/core/db/jobRepository'
import { sampleJob } from './db'

/** The name of the `i`-th seeded file (0-based). */
export const queuedName = (i: number): string => `batch-${String(i).padStart(5, '0')}.wav`

/** Inserts `count` queued jobs owned by `ownerPid` (one transaction); returns ids, oldest first. */
export function seedQueue(db: Database.Database, count: number, ownerPid = process.pid): number[] {
  const jobs = new JobRepository(db)
  const base = Date.now() - count * 1000
  return db.transaction(() =>
    Array.from({ length: count }, (_, i) => {
      const filename = queuedName(i)
      const job = sampleJob({
        filename,
        original_path: `/recorder/card/${filename}`,
        owner_instance: 'seeded-batch',
        owner_pid: ownerPid
      })
      return jobs.createJob(job, base + i * 1000).id
    })
  )()
}
