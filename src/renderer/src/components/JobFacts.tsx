// The Job page's facts: elapsed time, progress with the phase and time left while it runs, the engine.
import type { JobRow } from '@shared/domain'
import { endpointNames, engineSummary } from '../lib/engineSummary'
import { ElapsedClock } from './ElapsedClock'
import { ProgressNote } from './ProgressNote'

export function JobFacts({ row }: { row: JobRow }): React.JSX.Element {
  return (
    <dl className="facts">
      <dt>Elapsed</dt>
      <dd>
        <ElapsedClock startedAt={row.started_at} finishedAt={row.finished_at} />
      </dd>
      <dt>Progress</dt>
      <dd>
        <progress max={1} value={row.progress} aria-label="progress" />{' '}
        <span data-testid="job-progress">{Math.round(row.progress * 100)}%</span>
        <span className="muted">
          <ProgressNote row={row} testId="job-phase" />
        </span>
      </dd>
      <dt>Engine</dt>
      <dd data-testid="job-engine-summary">{engineSummary(row)}</dd>
      {endpointNames(row) && <dt>Endpoints</dt>}
      {endpointNames(row) && <dd data-testid="job-endpoints">{endpointNames(row)}</dd>}
    </dl>
  )
}
