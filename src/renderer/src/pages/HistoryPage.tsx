// Every job, one page at a time: search file names and transcripts (the matching line shown),
// filter by status, sort; open, reveal, retry, delete (with its outputs and log, after an in-app
// confirmation); tick rows to export their transcripts as one zip. The host does the searching,
// filtering, sorting and paging in SQL, so 10,000 jobs open as fast as ten.
import { memo, useEffect, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import {
  HISTORY_SORTS,
  JOB_STATUSES,
  type HistoryRow,
  type HistorySort,
  type JobRow,
  type JobStatus
} from '@shared/domain'
import { isTerminal, useJobsStore } from '../store/jobsStore'
import { deleteJob, openOutput, resumeJob, retryJob } from '../store/jobActions'
import { navigate } from '../store/navigation'
import { addNotice } from '../store/noticesStore'
import {
  HISTORY_PAGE_SIZE,
  refreshHistory,
  setHistoryQuery,
  setSelected,
  toggleSelected,
  turnHistoryPage,
  useHistoryStore
} from '../store/historyStore'
import { formatDuration } from '../lib/eta'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { outputFormats } from '../components/OutputButtons'
import { StatusBadge, endReason } from '../components/StatusBadge'
import { Snippet } from '../components/history/Snippet'
import { ExportSelected } from '../components/history/ExportSelected'
import { SearchBox } from '../components/SearchBox'
import { Page } from '../components/Page'

const SORT_LABELS: Record<HistorySort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  name: 'File name A–Z',
  longest: 'Longest recording first'
}

/** One formatter for every row (toLocaleString builds a new one per call: slow for 50 rows). */
const CREATED_FORMAT = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'short',
  timeStyle: 'short'
})

/** Live events (a job finishing, one created elsewhere) refresh the page, at most this often. */
const LIVE_REFRESH_MS = 400

function useLiveRefresh(): void {
  const jobs = useJobsStore((s) => s.byId)
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    const timer = setTimeout(() => void refreshHistory(), LIVE_REFRESH_MS)
    return () => clearTimeout(timer)
  }, [jobs])
}

export function HistoryPage(): React.JSX.Element {
  const { search, status, sort, offset, total, error } = useHistoryStore(
    useShallow((s) => ({
      search: s.search,
      status: s.status,
      sort: s.sort,
      offset: s.offset,
      total: s.total,
      error: s.error
    }))
  )
  const rows = useHistoryStore((s) => s.rows)
  const selected = useHistoryStore((s) => s.selected)
  const [confirming, setConfirming] = useState<JobRow | null>(null)

  useEffect(() => {
    void refreshHistory()
  }, [])
  useLiveRefresh()

  const pageIds = rows.map((r) => r.id)
  const allTicked = pageIds.length > 0 && pageIds.every((id) => selected.includes(id))
  const first = total === 0 ? 0 : offset + 1
  const last = Math.min(offset + HISTORY_PAGE_SIZE, total)

  return (
    <Page name="history" title="History">
      <div className="toolbar">
        <SearchBox
          label="Search jobs"
          placeholder="Search file names and transcripts"
          value={search}
          onChange={(text) => setHistoryQuery({ search: text })}
          testId="history-search"
        />
        <select
          aria-label="Filter by status"
          value={status}
          onChange={(e) => setHistoryQuery({ status: e.target.value as JobStatus | '' })}
        >
          <option value="">All statuses</option>
          {JOB_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select
          aria-label="Sort"
          value={sort}
          onChange={(e) => setHistoryQuery({ sort: e.target.value as HistorySort })}
        >
          {HISTORY_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
        <span className="muted" data-testid="history-count" aria-live="polite">
          {total === 0 ? 'No jobs' : `${first}–${last} of ${total.toLocaleString()}`}
        </span>
        <span className="spacer" />
        <ExportSelected />
      </div>
      {error && <p className="reason">Could not load History: {error}</p>}
      <div className="table-scroll">
        <table className="history" data-testid="history-table">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label="Select every job on this page"
                  checked={allTicked}
                  onChange={(e) =>
                    setSelected(
                      e.target.checked
                        ? [...new Set([...selected, ...pageIds])]
                        : selected.filter((id) => !pageIds.includes(id))
                    )
                  }
                />
              </th>
              <th>#</th>
              <th>File</th>
              <th>Status</th>
              <th>Created</th>
              <th>Length</th>
              <th>Engine</th>
              <th>Reason</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <HistoryRowView
                key={row.id}
                row={row}
                ticked={selected.includes(row.id)}
                onDelete={setConfirming}
              />
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  No jobs match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button onClick={() => turnHistoryPage(-1)} disabled={offset === 0}>
          Previous page
        </button>
        <button
          onClick={() => turnHistoryPage(1)}
          disabled={offset + HISTORY_PAGE_SIZE >= total}
          data-testid="history-next"
        >
          Next page
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={`Delete job #${confirming.id}?`}
          message={`${confirming.filename}: its transcript files and log will be removed from disk.${isTerminal(confirming) ? '' : ' The job is still running and will be stopped first.'}`}
          confirmLabel="Delete"
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const id = confirming.id
            setConfirming(null)
            void deleteJob(id).then(() => {
              toggleSelected(id, false)
              return refreshHistory()
            })
          }}
        />
      )}
    </Page>
  )
}

async function retryAndSay(row: JobRow): Promise<void> {
  const id = await retryJob(row.id)
  if (id !== undefined)
    addNotice(
      'info',
      `Retry created job #${id} for ${row.filename}; it is in the Transcribe queue.`
    )
}

const HistoryRowView = memo(function HistoryRowView({
  row: queried,
  ticked,
  onDelete
}: {
  row: HistoryRow
  ticked: boolean
  onDelete: (row: JobRow) => void
}): React.JSX.Element {
  // The page's row, with the live status if an event has arrived since the query.
  const live = useJobsStore((s) => s.byId[queried.id])
  const row: JobRow = live ?? queried
  const formats = outputFormats(row)
  const revealFormat = formats.includes('txt') ? 'txt' : formats.at(0)
  return (
    <tr data-testid={`history-row-${row.id}`} data-status={row.status}>
      <td>
        <input
          type="checkbox"
          aria-label={`Select ${row.filename}`}
          checked={ticked}
          onChange={(e) => toggleSelected(row.id, e.target.checked)}
          data-testid={`select-${row.id}`}
        />
      </td>
      <td>{row.id}</td>
      <td className="file" title={row.original_path}>
        {row.filename}
        {queried.snippet && (
          <div className="muted small" data-testid={`history-snippet-${row.id}`}>
            <Snippet text={queried.snippet} />
          </div>
        )}
      </td>
      <td>
        <StatusBadge status={row.status} testId={`history-status-${row.id}`} />
      </td>
      <td>{CREATED_FORMAT.format(row.created_at)}</td>
      <td>{formatDuration(row.duration_seconds)}</td>
      <td>{engineLabel(row)}</td>
      <td className={`reason-cell reason-${row.status}`}>
        {row.status === 'completed'
          ? row.warning && <span data-testid={`history-warning-${row.id}`}>⚠ {row.warning}</span>
          : (endReason(row) ?? '')}
      </td>
      <td className="actions-cell">
        {/* A flex box inside the cell: a flex <td> is no table cell and drew its border offset. */}
        <div className="row-actions">
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
              <button onClick={() => void retryAndSay(row)}>Retry</button>
            </>
          )}
          <button className="danger" onClick={() => onDelete(row)} data-testid={`delete-${row.id}`}>
            Delete
          </button>
        </div>
      </td>
    </tr>
  )
})

/** "whisper · base.en · de → English": the engine, and for whisper its model, language and task. */
function engineLabel(row: JobRow): string {
  if (row.engine !== 'whisper') return row.engine
  const model = (row.model || 'base.en').replace(/^.*\//, '').replace(/^ggml-|\.bin$/g, '')
  const language = row.language === 'auto' ? 'language detected' : row.language
  return `whisper · ${model} · ${language}${row.translate === 1 ? ' → English' : ''}`
}
