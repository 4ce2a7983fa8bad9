// History's query and the page of rows the host answered (searched, filtered, sorted and paged in
// SQL, so 10,000 jobs cost one small page). A newer query always wins over a slower older one.
import { create } from 'zustand'
import type { HistoryRow, HistorySort, JobStatus } from '@shared/domain'
import { getApi } from '../transport/getApi'
import { oneLineError } from '@shared/errors'

export const HISTORY_PAGE_SIZE = 50

export interface HistoryState {
  search: string
  status: JobStatus | ''
  sort: HistorySort
  offset: number
  rows: HistoryRow[]
  total: number
  loading: boolean
  error: string | null
  /** Ticked rows, for "export selected". */
  selected: number[]
}

export const initialHistoryState: HistoryState = {
  search: '',
  status: '',
  sort: 'newest',
  offset: 0,
  rows: [],
  total: 0,
  loading: false,
  error: null,
  selected: []
}

export const useHistoryStore = create<HistoryState>()(() => initialHistoryState)

let sequence = 0

export async function refreshHistory(): Promise<void> {
  const mine = ++sequence
  const { search, status, sort, offset } = useHistoryStore.getState()
  useHistoryStore.setState({ loading: true })
  try {
    const page = await getApi().history.query({
      ...(search.trim() && { search }),
      ...(status && { status }),
      sort,
      offset,
      limit: HISTORY_PAGE_SIZE
    })
    if (mine !== sequence) return
    useHistoryStore.setState({ rows: page.rows, total: page.total, loading: false, error: null })
  } catch (err) {
    if (mine === sequence) useHistoryStore.setState({ loading: false, error: oneLineError(err) })
  }
}

/** Changes the query (back to the first page) and fetches it. */
export function setHistoryQuery(
  patch: Partial<Pick<HistoryState, 'search' | 'status' | 'sort'>>
): void {
  useHistoryStore.setState({ ...patch, offset: 0 })
  void refreshHistory()
}

export function turnHistoryPage(direction: 1 | -1): void {
  const { offset, total } = useHistoryStore.getState()
  const next = offset + direction * HISTORY_PAGE_SIZE
  if (next < 0 || next >= total) return
  useHistoryStore.setState({ offset: next })
  void refreshHistory()
}

export function toggleSelected(id: number, on: boolean): void {
  useHistoryStore.setState((s) => ({
    selected: on ? [...new Set([...s.selected, id])] : s.selected.filter((x) => x !== id)
  }))
}

export function setSelected(ids: number[]): void {
  useHistoryStore.setState({ selected: ids })
}
