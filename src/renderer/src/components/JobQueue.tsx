// The jobs started from this page, and any other job still queued or running: status, progress, ETA. Each row subscribes to its own job so
// one job's progress does not re-render the others.
import { useShallow } from 'zustand/react/shallow'
import { isTerminal, queueIds, useJobsStore } from '../store/jobsStore'
import { stopJob } from '../store/jobActions'
import { formatDuration } from '../lib/eta'
import { useJobEta } from '../store/jobProgressStore'
import { RecordingBadge, StatusBadge, endReason } from './StatusBadge'

export function JobQueue(): React.JSX.Element {
  const ids = useJobsStore(useShallow(queueIds))
  if (ids.length === 0) return <p className="muted">No jobs yet. Drop files above to start.</p>
  return (
    <ul className="queue" data-testid="job-queue">
      {ids.map((id) => (
        <QueueRow key={id} id={id} />
      ))}
    </ul>
  )
}

function QueueRow({ id }: { id: number }): React.JSX.Element | null {
  const row = useJobsStore((s) => s.byId[id])
  const eta = useJobEta({ id, status: row?.status ?? 'queued' })
  if (!row) return null
  const reason = endReason(row)
  return (
    <li className="queue-row" data-testid={`queue-row-${id}`} data-status={row.status}>
      <a href={`#/job/${id}`} className="queue-name" title={row.original_path}>
        #{id} {row.filename}
      </a>
      {/* One grid cell: a recording's badge sits under its status, not in the progress column. */}
      <span className="queue-badges">
        <StatusBadge status={row.status} testId={`queue-status-${id}`} />
        <RecordingBadge row={row} />
      </span>
      <progress max={1} value={row.progress} aria-label={`progress of ${row.filename}`} />
      <span className="muted eta">
        {Math.round(row.progress * 100)}%{eta !== null && ` · about ${formatDuration(eta)} left`}
      </span>
      {reason && row.status !== 'completed' && (
        <span className="reason" data-testid={`queue-reason-${id}`}>
          {reason}
        </span>
      )}
      {row.warning && (
        <span className="warning" data-testid={`queue-warning-${id}`}>
          ⚠ {row.warning}
        </span>
      )}
      {!isTerminal(row) && (
        <button
          className="danger queue-stop"
          onClick={() => void stopJob(id)}
          aria-label={`Stop ${row.filename}`}
          data-testid={`queue-stop-${id}`}
        >
          Stop
        </button>
      )}
    </li>
  )
}
