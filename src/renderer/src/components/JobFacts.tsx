// The Job page's facts: elapsed time, progress with the time left while it runs, the engine.
import type { JobRow } from '@shared/domain'
import { formatDuration } from '../lib/eta'
import { useJobEta } from '../store/jobProgressStore'
import { endpointNames, engineSummary } from '../lib/engineSummary'
import { ElapsedClock } from './ElapsedClock'

export function JobFacts({ row }: { row: JobRow }): React.JSX.Element {
  const eta = useJobEta(row)
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
        {eta !== null && <span className="muted"> · about {formatDuration(eta)} left</span>}
      </dd>
      <dt>Engine</dt>
      <dd data-testid="job-engine-summary">{engineSummary(row)}</dd>
      {endpointNames(row) && <dt>Endpoints</dt>}
      {endpointNames(row) && <dd data-testid="job-endpoints">{endpointNames(row)}</dd>}
    </dl>
  )
}
