// Outcomes a process could not write to the database (a full disk) but kept in their job's
// outcome slot (./slots) are written by whoever opens the database next: any host at start,
// every CLI command, every reap. A slot with no outcome belongs to a run still going (kept) or to
// one that ended without needing it (removed once its row is final or gone).
import { isTerminalStatus, type JobRow } from '@shared/domain'
import { dataPaths } from '../../paths'
import { isDatabaseRefusal, writeOutcome, type OutcomeWriter } from './outcome'
import type { JobRepository } from '../jobRepository'
import { readSlots, removeSlot, type OutcomeSlot } from './slots'

/** A slot unreadable for this long is not mid-write: it is damaged, and only in the way. */
const DAMAGED_AFTER_MS = 60_000

export type PendingOutcomeStore = OutcomeWriter & Pick<JobRepository, 'getJob'>

export interface AppliedOutcome {
  jobId: number
  status: string
  /** False when the row had already ended another way (the guarded update did not apply). */
  written: boolean
}

/**
 * Writes every kept outcome the database accepts now and removes its slot; removes slots whose
 * run is over. Never throws: what the database still refuses stays for the next try.
 */
export function applyPendingOutcomes(dataDir: string, repo: PendingOutcomeStore): AppliedOutcome[] {
  const applied: AppliedOutcome[] = []
  for (const { path, jobId, slot, modifiedAt } of readSlots(dataPaths(dataDir).outcomes)) {
    if (!slot || slot.jobId !== jobId) {
      // Being written right now, or damaged: a later pass decides, until it is plainly stale.
      if (Date.now() - modifiedAt > DAMAGED_AFTER_MS) removeSlot(path)
      continue
    }
    try {
      const row = repo.getJob(jobId)
      if (!row || !isRunOf(slot, row)) {
        // A deleted job, a run that ended, or an older run of a resumed job: nothing to keep.
        removeSlot(path)
      } else if (slot.held) {
        const written = writeOutcome(repo, jobId, slot.held.outcome)
        applied.push({ jobId, status: slot.held.outcome.status, written })
        removeSlot(path)
      }
    } catch (error) {
      if (!isDatabaseRefusal(error)) console.error(`[outcomes] job ${jobId}: ${String(error)}`)
    }
  }
  return applied
}

/**
 * Whether the slot belongs to the row's current, unfinished run. A slot reserved at a start names
 * that start (started_at): the row must still be processing it. A slot written without one (the
 * database refused the start itself) fits the row while it has not ended.
 */
function isRunOf(slot: OutcomeSlot, row: JobRow): boolean {
  if (isTerminalStatus(row.status)) return false
  if (slot.startedAt === null) return true
  return row.status === 'processing' && row.started_at === slot.startedAt
}
