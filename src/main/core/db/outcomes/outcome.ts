// A job's final status and what goes with it: the one shape the ledger holds in memory, writes
// into a job's outcome slot on disk, and finally writes to the row.
import { z } from 'zod'
import type { JobRepository } from '../jobRepository'

export const JobOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('completed'), outputs: z.record(z.string(), z.string()) }),
  z.object({ status: z.literal('failed'), message: z.string() }),
  z.object({ status: z.literal('cancelled'), reason: z.string() })
])
export type JobOutcome = z.infer<typeof JobOutcomeSchema>

export type OutcomeWriter = Pick<JobRepository, 'completeJob' | 'failJob' | 'cancelJob'>

/** The guarded update for the outcome: false when the row had already ended (or is gone). */
export function writeOutcome(repo: OutcomeWriter, jobId: number, outcome: JobOutcome): boolean {
  switch (outcome.status) {
    case 'completed':
      return repo.completeJob(jobId, outcome.outputs)
    case 'failed':
      return repo.failJob(jobId, outcome.message)
    case 'cancelled':
      return repo.cancelJob(jobId, outcome.reason)
  }
}

/** SQLite's refusals (better-sqlite3 throws SqliteError with a SQLITE_* code); others are bugs. */
export function isDatabaseRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_')
}
