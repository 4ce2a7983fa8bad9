// A job linked to an earlier one whose input had the same bytes: its transcript was reused and
// exported again, nothing re-ran (core/service/sameContent.ts). Says so, with that job one click
// away; History's row says it short, the job page in full.
import type { JobRow } from '@shared/domain'

export function LinkedJob({
  row,
  full = false
}: {
  row: Pick<JobRow, 'id' | 'linked_job_id'>
  full?: boolean
}): React.JSX.Element | null {
  const earlier = row.linked_job_id
  if (earlier === null) return null
  return (
    <span className="linked-job" data-testid={`linked-${row.id}`}>
      Same content as <a href={`#/job/${earlier}`}>job #{earlier}</a>
      {full
        ? ': its transcript was reused and exported again, not re-run. “Transcribe again” runs it.'
        : ': reused, not re-run'}
    </span>
  )
}
