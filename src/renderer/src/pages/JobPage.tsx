// One job, live: status and reason, elapsed, progress/ETA, Stop, keep-in-background, CPU/memory,
// the process table, the log, and the transcript once it has finished.
import { isTerminalStatus } from '@shared/domain'
import { JobControls } from '../components/JobControls'
import { RetryControl } from '../components/RetryControl'
import { JobFacts } from '../components/JobFacts'
import { LinkedJob } from '../components/LinkedJob'
import { JobMetrics } from '../components/JobMetrics'
import { LiveTranscript } from '../components/LiveTranscript'
import { LogViewer } from '../components/LogViewer'
import { OutputButtons } from '../components/OutputButtons'
import { ProcessTable } from '../components/ProcessTable'
import { RecordingBadge, StatusBadge, endReason } from '../components/StatusBadge'
import { DiagnosticsToggle } from '../components/DiagnosticsToggle'
import { TranscriptWorkspace } from '../components/transcript/TranscriptWorkspace'
import { useDiagnosticsFold } from '../hooks/useDiagnosticsFold'
import { useWatchedJob } from '../hooks/useWatchedJob'

export function JobPage({ id }: { id: number }): React.JSX.Element {
  const { row, lookup } = useWatchedJob(id)
  const fold = useDiagnosticsFold(row?.status === 'completed')

  if (!row) {
    return (
      <div className="page">
        {lookup === 'missing' ? (
          <p>Job #{id} does not exist (it may have been deleted).</p>
        ) : (
          <p className="muted">Loading job #{id}…</p>
        )}
      </div>
    )
  }

  const reason = endReason(row)
  const running = row.status === 'processing'
  return (
    <div className={`page job-page${fold.className}`}>
      <header className="job-header">
        <h1 title={row.original_path}>
          #{row.id} {row.filename}
        </h1>
        <StatusBadge status={row.status} testId="job-status" /> <RecordingBadge row={row} />
      </header>
      {reason && row.status !== 'completed' && (
        <p className="reason" data-testid="job-reason">
          {row.status === 'cancelled' ? 'Stopped: ' : 'Failed: '}
          {reason}
        </p>
      )}
      {row.linked_job_id !== null && (
        <p className="linked-note" role="note">
          <LinkedJob row={row} full />
        </p>
      )}
      {row.warning && (
        <p className="warning" role="status" data-testid="job-warning">
          Warning: {row.warning}
        </p>
      )}
      {row.status === 'completed' && <TranscriptWorkspace row={row} />}
      <DiagnosticsToggle fold={fold} />
      <JobFacts row={row} />
      <JobControls row={row} />
      {isTerminalStatus(row.status) && <RetryControl row={row} label="Transcribe again" />}
      <div className="job-live">
        <JobMetrics jobId={id} running={running} />
        <ProcessTable jobId={id} />
      </div>
      {row.status !== 'completed' && row.status !== 'queued' && (
        <section>
          <h2>{running ? 'Transcript so far' : 'Words heard before it ended'}</h2>
          <LiveTranscript jobId={id} running={running} />
        </section>
      )}
      {row.status === 'completed' && (
        <section className="job-files">
          <h2>Files</h2>
          <OutputButtons row={row} />
        </section>
      )}
      <h2 className="log-heading">Log</h2>
      <LogViewer jobId={id} />
    </div>
  )
}
