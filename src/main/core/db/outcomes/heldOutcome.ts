// A final status the database refused (see ./ledger) is still the truth about the job: the
// user sees it on the row, and whoever waits for the job to end stops waiting.
import type { JobRow } from '@shared/domain'
import type { EventPayloads } from '@shared/ipc/contract'
import type { TypedEvents } from '../../../os/typedEvents'
import type { JobRepository } from '../jobRepository'
import type { PendingOutcome } from './ledger'

/** Where held and saved outcomes are announced (the ProcessManager's events). */
export interface HeldOutcomeEvents {
  on(event: 'outcomeHeld' | 'outcomeSaved', listener: (pending: PendingOutcome) => void): unknown
}

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

/** Tells the user (a notice in every host) when an outcome is held and when it is written. */
export function reportHeldOutcomes(
  pm: HeldOutcomeEvents,
  repo: Pick<JobRepository, 'getJob'>,
  hub: TypedEvents<EventPayloads>,
  changed: (jobId: number) => void
): void {
  const nameOf = (jobId: number): string => {
    try {
      return repo.getJob(jobId)?.filename ?? `job ${jobId}`
    } catch {
      return `job ${jobId}`
    }
  }
  pm.on('outcomeHeld', ({ jobId, outcome, error }) => {
    hub.emit('app.notice', {
      level: 'error',
      message: `${nameOf(jobId)} (#${jobId}) ${outcome.status}, but the database refused to record it (${error}); it is kept and will be written when the database accepts writes again`,
      jobIds: [jobId]
    })
    changed(jobId)
  })
  pm.on('outcomeSaved', ({ jobId, outcome }) => {
    hub.emit('app.notice', {
      level: 'info',
      message: `${nameOf(jobId)} (#${jobId}): its outcome (${outcome.status}) is now recorded`,
      jobIds: [jobId]
    })
    changed(jobId)
  })
}
