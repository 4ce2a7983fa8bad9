// Every job, one page at a time: search file names and transcripts (the matching line shown),
// filter by status, sort; open, reveal, retry, delete (with its outputs and log, after an in-app
// confirmation); tick rows to export their transcripts as one zip. The host does the searching,
// filtering, sorting and paging in SQL, so 10,000 jobs open as fast as ten.
import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { JobRow } from '@shared/domain'
import {
  HISTORY_PAGE_SIZE,
  refreshHistory,
  turnHistoryPage,
  useHistoryStore
} from '../store/historyStore'
import { useHistoryLiveRefresh } from '../hooks/useHistoryLiveRefresh'
import { DeleteJobDialog } from '../components/history/DeleteJobDialog'
import { HistoryTable } from '../components/history/HistoryTable'
import { HistoryToolbar } from '../components/history/HistoryToolbar'
import { Page } from '../components/Page'

export function HistoryPage(): React.JSX.Element {
  const query = useHistoryStore(
    useShallow((s) => ({
      search: s.search,
      status: s.status,
      sort: s.sort,
      offset: s.offset,
      total: s.total
    }))
  )
  const error = useHistoryStore((s) => s.error)
  const rows = useHistoryStore((s) => s.rows)
  const selected = useHistoryStore((s) => s.selected)
  const [confirming, setConfirming] = useState<JobRow | null>(null)

  useEffect(() => {
    void refreshHistory()
  }, [])
  useHistoryLiveRefresh()

  return (
    <Page name="history" title="History">
      <HistoryToolbar {...query} />
      {error && <p className="reason">Could not load History: {error}</p>}
      <HistoryTable rows={rows} selected={selected} onDelete={setConfirming} />
      <div className="pager">
        <button onClick={() => turnHistoryPage(-1)} disabled={query.offset === 0}>
          Previous page
        </button>
        <button
          onClick={() => turnHistoryPage(1)}
          disabled={query.offset + HISTORY_PAGE_SIZE >= query.total}
          data-testid="history-next"
        >
          Next page
        </button>
      </div>
      {confirming && <DeleteJobDialog job={confirming} onClose={() => setConfirming(null)} />}
    </Page>
  )
}
