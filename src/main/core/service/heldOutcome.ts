// A final status the database refused (see OutcomeLedger) is still the truth about the job: the
// user sees it on the row, and whoever waits for the job to end stops waiting.
import type { JobRow } from '@shared/domain'
import type { PendingOutcome } from '../db/outcomeLedger'

export function withHeldOutcome(row: JobRow, held: PendingOutcome | undefined): JobRow {
  if (!held) return row
  const { outcome } = held
  const finishedAt = row.finished_at ?? held.since
  switch (outcome.status) {
    case 'completed':
      return {
        ...row,
        status: 'completed',
        progress: 1,
        finished_at: finishedAt,
        output_files: JSON.stringify(outcome.outputs)
      }
    case 'failed':
      return { ...row, status: 'failed', error_message: outcome.message, finished_at: finishedAt }
    case 'cancelled':
      return { ...row, status: 'cancelled', cancel_reason: outcome.reason, finished_at: finishedAt }
  }
}
