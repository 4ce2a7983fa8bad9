// One job, live: status and reason, elapsed, progress/ETA, Stop, keep-in-background, CPU/memory,
// the process table, the log, and the transcript once it has finished.
import { useEffect, useState } from 'react'
import { getApi } from '../transport/getApi'
import { isTerminal, upsertJob, useJobsStore } from '../store/jobsStore'
import { closeLogView } from '../store/logsStore'
import { resumeJob, setKeepInBackground, stopJob, watchJob } from '../store/jobActions'
import { estimateRemainingSeconds, formatDuration } from '../lib/eta'
import { engineSummary } from '../lib/engineSummary'
import { ElapsedClock } from '../components/ElapsedClock'
import { JobMetrics } from '../components/JobMetrics'
import { LiveTranscript } from '../components/LiveTranscript'
import { LogViewer } from '../components/LogViewer'
import { OutputButtons } from '../components/OutputButtons'
import { ProcessTable } from '../components/ProcessTable'
import { StatusBadge, endReason } from '../components/StatusBadge'
import { useDiagnosticsFold } from '../components/Diagnostics'
import { TranscriptWorkspace } from '../components/transcript/TranscriptWorkspace'

export function JobPage({ id }: { id: number }): React.JSX.Element {
  const row = useJobsStore((s) => s.byId[id])
  const [lookup, setLookup] = useState<'pending' | 'missing'>('pending')
  const [stopping, setStopping] = useState(false)
  // Shows the user's choice at once while the host confirms it (then the row is the truth again).
  const [keepRequested, setKeepRequested] = useState<boolean | null>(null)
  const fold = useDiagnosticsFold(row?.status === 'completed')

  useEffect(() => {
    void watchJob(id)
    return () => closeLogView(id)
  }, [id])

  useEffect(() => {
    if (row) return
    let live = true
    getApi()
      .jobs.get({ id })
      .then((found) => {
        if (!live) return
        if (found) upsertJob(found)
        else setLookup('missing')
      })
      .catch(() => live && setLookup('missing'))
    return () => {
      live = false
    }
  }, [id, row])

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

  const done = isTerminal(row)
  const reason = endReason(row)
  const eta =
    row.status === 'processing'
      ? estimateRemainingSeconds(row.started_at, row.progress, Date.now())
      : null
  const onStop = (): void => {
    setStopping(true)
    void stopJob(id).finally(() => setStopping(false))
  }

  return (
    <div className={`page job-page${fold.className}`}>
      <header className="job-header">
        <h1 title={row.original_path}>
          #{row.id} {row.filename}
        </h1>
        <StatusBadge status={row.status} testId="job-status" />
      </header>
      {reason && row.status !== 'completed' && (
        <p className="reason" data-testid="job-reason">
          {row.status === 'cancelled' ? 'Stopped: ' : 'Failed: '}
          {reason}
        </p>
      )}
      {row.warning && (
        <p className="warning" role="status" data-testid="job-warning">
          Warning: {row.warning}
        </p>
      )}
      {row.status === 'completed' && <TranscriptWorkspace row={row} />}
      {fold.toggle}
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
      </dl>
      <div className="job-actions">
        <button
          className="danger"
          onClick={onStop}
          disabled={done || stopping}
          data-testid="stop-button"
        >
          {stopping ? 'Stopping…' : 'Stop'}
        </button>
        {(row.status === 'failed' || row.status === 'cancelled') && (
          <button
            onClick={() => void resumeJob(id)}
            title="Continue from the chunks already transcribed"
            data-testid="resume-button"
          >
            Resume
          </button>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={keepRequested ?? row.keep_in_background === 1}
            disabled={done || keepRequested !== null}
            onChange={(e) => {
              setKeepRequested(e.target.checked)
              void setKeepInBackground(id, e.target.checked).finally(() => setKeepRequested(null))
            }}
            data-testid="keep-in-background"
          />
          Keep running in background (do not stop when I leave this page)
        </label>
      </div>
      <div className="job-live">
        <JobMetrics jobId={id} />
        <ProcessTable jobId={id} />
      </div>
      {row.status !== 'completed' && row.status !== 'queued' && (
        <section>
          <h2>
            {row.status === 'processing' ? 'Transcript so far' : 'Words heard before it ended'}
          </h2>
          <LiveTranscript jobId={id} running={row.status === 'processing'} />
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
