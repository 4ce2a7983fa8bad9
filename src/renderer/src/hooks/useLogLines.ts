// A job's log as the viewer shows it: every kept line, or only those matching the search.
import { useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useLogsStore } from '../store/logsStore'
import { matchingLineIndexes } from '../lib/logSearch'
import { LogRing } from '../lib/logRing'

const EMPTY_RING = new LogRing(1)

export interface LogLines {
  ring: LogRing
  /** Changes whenever the ring (mutated in place) gets lines. */
  version: number
  loading: boolean
  /** Indexes of the lines matching the search; null without a search. */
  matches: number[] | null
  /** How many lines are shown. */
  count: number
  /** The text of the shown line `row`. */
  lineAt: (row: number) => string
  /** The search ('' for none) and whether only its matching lines are shown. */
  query: string
  setQuery: (text: string) => void
  onlyMatches: boolean
  setOnlyMatches: (on: boolean) => void
}

export function useLogLines(jobId: number): LogLines {
  const [query, setQuery] = useState('')
  const [onlyMatches, setOnlyMatches] = useState(true)
  const { ring, version, loading } = useLogsStore(
    useShallow((s) => {
      const view = s.views[jobId]
      return {
        ring: view?.ring ?? EMPTY_RING,
        version: view?.version ?? 0,
        loading: view?.loading ?? true
      }
    })
  )
  // `version` changes whenever the ring (mutated in place) gets lines, so the memo must see it.
  const matches = useMemo(
    () => (query === '' ? null : matchingLineIndexes(ring.size, (i) => ring.get(i), query)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ring, version, query]
  )
  const filtered = matches !== null && onlyMatches
  const count = filtered ? matches.length : ring.size
  const lineAt = (row: number): string => ring.get(filtered ? matches[row] : row)
  const search = { query, setQuery, onlyMatches, setOnlyMatches }
  return { ring, version, loading, matches, count, lineAt, ...search }
}
