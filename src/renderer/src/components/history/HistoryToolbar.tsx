// History's toolbar: search, status filter, sort, which rows of how many are shown, and the zip
// export of the ticked ones.
import { HISTORY_SORTS, JOB_STATUSES, type HistorySort, type JobStatus } from '@shared/domain'
import { HISTORY_PAGE_SIZE, setHistoryQuery } from '../../store/historyStore'
import { SearchBox } from '../SearchBox'
import { ExportSelected } from './ExportSelected'

const SORT_LABELS: Record<HistorySort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  name: 'File name A–Z',
  longest: 'Longest recording first'
}

export function HistoryToolbar(props: {
  search: string
  status: JobStatus | ''
  sort: HistorySort
  offset: number
  total: number
}): React.JSX.Element {
  const { total } = props
  const first = total === 0 ? 0 : props.offset + 1
  const last = Math.min(props.offset + HISTORY_PAGE_SIZE, total)
  return (
    <div className="toolbar">
      <SearchBox
        label="Search jobs"
        placeholder="Search file names and transcripts"
        value={props.search}
        onChange={(text) => setHistoryQuery({ search: text })}
        testId="history-search"
      />
      <select
        aria-label="Filter by status"
        value={props.status}
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
        value={props.sort}
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
  )
}
