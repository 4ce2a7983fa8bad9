// After a running job's percentage: the phase it is in and the time left, as its pipeline reports
// them (the Job page's facts and each queue row).
import type { JobRow } from '@shared/domain'
import { useJobEta, useJobPhase } from '../store/jobProgressStore'
import { phaseText, timeLeftText } from '../lib/jobPhaseText'

export function ProgressNote({
  row,
  testId
}: {
  row: Pick<JobRow, 'id' | 'status'>
  testId: string
}): React.JSX.Element {
  const eta = useJobEta(row)
  const phase = useJobPhase(row)
  return (
    <span data-testid={testId}>
      {phase && ` · ${phaseText(phase)}`}
      {eta !== null && ` · ${timeLeftText(eta, phase?.phase)}`}
    </span>
  )
}
