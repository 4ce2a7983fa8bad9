import type { JobStatus } from '@shared/domain'

export function StatusBadge({
  status,
  testId
}: {
  status: JobStatus
  testId?: string
}): React.JSX.Element {
  return (
    <span className={`badge status-${status}`} data-testid={testId}>
      {status}
    </span>
  )
}

/** Why a job ended other than completing: the stop reason or the error, if any. */
export function endReason(row: {
  cancel_reason: string | null
  error_message: string | null
}): string | null {
  return row.cancel_reason ?? row.error_message
}
