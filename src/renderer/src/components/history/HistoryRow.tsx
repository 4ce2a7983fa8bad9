// One History row: the job as the query found it (with its matching line), its live status if an
// event has arrived since, and what can be done with it.
import { memo } from 'react'
import type { HistoryRow, JobRow } from '@shared/domain'
import { isTerminal, useJobsStore } from '../../store/jobsStore'
import { openOutput } from '../../store/jobActions'
import { ResumeButton } from '../ResumeButton'
import { FileName } from '../FileName'
import { navigate } from '../../store/navigation'
import { toggleSelected } from '../../store/historyStore'
import { formatDuration } from '../../lib/eta'
import { outputFormats } from '../OutputButtons'
import { RecordingBadge, StatusBadge, endReason } from '../StatusBadge'
import { Snippet } from './Snippet'
import { RetryControl } from '../RetryControl'
import { LinkedJob } from '../LinkedJob'
import { hostOpensFiles } from '../../lib/hostKind'
import { copyOutputPath } from '../../store/outputActions'
import { getApi } from '../../transport/getApi'

/** One formatter for every row (toLocaleString builds a new one per call: slow for 50 rows). */
const CREATED_FORMAT = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'short',
  timeStyle: 'short'
})

export const HistoryRowView = memo(function HistoryRowView({
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
        <FileName name={row.filename} />
        {queried.snippet && (
          <div className="muted small" data-testid={`history-snippet-${row.id}`}>
            <Snippet text={queried.snippet} />
          </div>
        )}
      </td>
      <td>
        <StatusBadge status={row.status} testId={`history-status-${row.id}`} />{' '}
        <RecordingBadge row={row} />
      </td>
      <td className="date">{CREATED_FORMAT.format(row.created_at)}</td>
      <td className="wide-only">{formatDuration(row.duration_seconds)}</td>
      <td className="wide-only">{engineLabel(row)}</td>
      <td className={`reason-cell reason-${row.status}`}>
        {row.status === 'completed' ? (
          <>
            <LinkedJob row={row} />
            {row.warning && <span data-testid={`history-warning-${row.id}`}>⚠ {row.warning}</span>}
          </>
        ) : (
          (endReason(row) ?? '')
        )}
      </td>
      <td className="actions-cell">
        {/* A flex box inside the cell: a flex <td> is no table cell and drew its border offset. */}
        <div className="row-actions">
          <button onClick={() => navigate({ page: 'job', id: row.id })}>
            {row.status === 'completed' ? 'Open transcript' : 'Open'}
          </button>
          {revealFormat &&
            (hostOpensFiles(getApi()) ? (
              <button onClick={() => void openOutput(row.id, revealFormat, true)}>Reveal</button>
            ) : (
              <button onClick={() => void copyOutputPath(row, revealFormat)}>Copy path</button>
            ))}
          {isTerminal(row) && row.status !== 'completed' && (
            <>
              <ResumeButton row={row} openJob testId={`resume-${row.id}`} />
              <RetryControl row={row} label="Retry" />
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
