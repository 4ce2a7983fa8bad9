// Every job: status, duration, engine, why it failed or stopped; search, filter, open, reveal,
// retry, delete (with its outputs and log, after an in-app confirmation).
import { useEffect, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { JOB_STATUSES, type JobRow, type JobStatus } from '@shared/domain'
import { isTerminal, jobsIn, useJobsStore } from '../store/jobsStore'
import { deleteJob, loadJobs, openOutput, resumeJob, retryJob } from '../store/jobActions'
import { navigate } from '../store/navigation'
import { formatDuration } from '../lib/eta'
import { filterJobs } from '../lib/jobFilter'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { outputFormats } from '../components/OutputButtons'
import { StatusBadge, endReason } from '../components/StatusBadge'

export function HistoryPage(): React.JSX.Element {
  const jobs = useJobsStore(useShallow((s) => jobsIn(s.byId)))
  const [search, setSearch] = useState('')
  const [status, setStatus] = useState<JobStatus | ''>('')
  const [confirming, setConfirming] = useState<JobRow | null>(null)

  useEffect(() => {
    // Jobs made elsewhere (the CLI, another window) appear here too.
    void loadJobs()
  }, [])

  const shown = useMemo(() => filterJobs(jobs, search, status), [jobs, search, status])

  return (
    <div className="page history-page">
      <h1>History</h1>
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search jobs"
          placeholder="Search by file name or reason"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select
          aria-label="Filter by status"
          value={status}
          onChange={(e) => setStatus(e.target.value as JobStatus | '')}
        >
          <option value="">All statuses</option>
          {JOB_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <span className="muted">
          {shown.length} of {jobs.length} jobs
        </span>
      </div>
      <table className="history" data-testid="history-table">
        <thead>
          <tr>
            <th>#</th>
            <th>File</th>
            <th>Status</th>
            <th>Created</th>
            <th>Duration</th>
            <th>Engine</th>
            <th>Reason</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <HistoryRow key={row.id} row={row} onDelete={() => setConfirming(row)} />
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                No jobs match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {confirming && (
        <ConfirmDialog
          title={`Delete job #${confirming.id}?`}
          message={`${confirming.filename}: its transcript files and log will be removed from disk.${isTerminal(confirming) ? '' : ' The job is still running and will be stopped first.'}`}
          confirmLabel="Delete"
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const id = confirming.id
            setConfirming(null)
            void deleteJob(id)
          }}
        />
      )}
    </div>
  )
}

function HistoryRow({ row, onDelete }: { row: JobRow; onDelete: () => void }): React.JSX.Element {
  const duration =
    row.started_at !== null && row.finished_at !== null
      ? (row.finished_at - row.started_at) / 1000
      : null
  const formats = outputFormats(row)
  const revealFormat = formats.includes('txt') ? 'txt' : formats.at(0)
  return (
    <tr data-testid={`history-row-${row.id}`} data-status={row.status}>
      <td>{row.id}</td>
      <td className="file" title={row.original_path}>
        {row.filename}
      </td>
      <td>
        <StatusBadge status={row.status} testId={`history-status-${row.id}`} />
      </td>
      <td>{new Date(row.created_at).toLocaleString()}</td>
      <td>{formatDuration(duration)}</td>
      <td>{engineLabel(row)}</td>
      <td className={`reason-cell reason-${row.status}`}>
        {row.status === 'completed'
          ? row.warning && <span data-testid={`history-warning-${row.id}`}>⚠ {row.warning}</span>
          : (endReason(row) ?? '')}
      </td>
      <td className="actions">
        <button onClick={() => navigate({ page: 'job', id: row.id })}>
          {row.status === 'completed' ? 'Open transcript' : 'Open'}
        </button>
        {revealFormat && (
          <button onClick={() => void openOutput(row.id, revealFormat, true)}>Reveal</button>
        )}
        {isTerminal(row) && row.status !== 'completed' && (
          <>
            <button
              onClick={() => void resumeJob(row.id)}
              title="Continue from the chunks already transcribed"
              data-testid={`resume-${row.id}`}
            >
              Resume
            </button>
            <button onClick={() => void retryJob(row.id)}>Retry</button>
          </>
        )}
        <button className="danger" onClick={onDelete} data-testid={`delete-${row.id}`}>
          Delete
        </button>
      </td>
    </tr>
  )
}

/** "whisper · base.en · de → English": the engine, and for whisper its model, language and task. */
function engineLabel(row: JobRow): string {
  if (row.engine !== 'whisper') return row.engine
  const model = (row.model || 'base.en').replace(/^.*\//, '').replace(/^ggml-|\.bin$/g, '')
  const language = row.language === 'auto' ? 'language detected' : row.language
  return `whisper · ${model} · ${language}${row.translate === 1 ? ' → English' : ''}`
}
