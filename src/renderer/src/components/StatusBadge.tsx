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

/** Beside the status of a job whose recording is still being made: it is not a file being read. */
export function RecordingBadge({
  row
}: {
  row: { recording?: 'live' | 'ended' | 'recovered' | null }
}): React.JSX.Element | null {
  if (row.recording !== 'live') return null
  return (
    <span className="badge status-recording" data-testid="recording-badge">
      <span aria-hidden="true">● </span>recording
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
