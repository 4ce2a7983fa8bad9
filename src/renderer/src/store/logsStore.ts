// Log lines of the jobs whose Job page is open. Each view owns a bounded ring that is mutated in
// place; `version` changes on every append so only components reading that job's log re-render.
import { create } from 'zustand'
import { LogRing } from '../lib/logRing'
import { mergeTailAndLive } from '../lib/logSearch'
import { withoutKey } from '../lib/withoutKey'

export const LOG_RING_CAPACITY = 100_000

export interface LogView {
  ring: LogRing
  version: number
  loading: boolean
  /** Live batches that arrived while the tail was loading; merged when it lands. */
  pending: string[]
}

export interface LogsState {
  views: Partial<Record<number, LogView>>
}

export const initialLogsState: LogsState = { views: {} }

export const useLogsStore = create<LogsState>()(() => initialLogsState)

export function openLogView(jobId: number, capacity = LOG_RING_CAPACITY): void {
  useLogsStore.setState((s) => ({
    views: {
      ...s.views,
      [jobId]: { ring: new LogRing(capacity), version: 0, loading: true, pending: [] }
    }
  }))
}

export function closeLogView(jobId: number): void {
  useLogsStore.setState((s) => (jobId in s.views ? { views: withoutKey(s.views, jobId) } : s))
}

/** The file tail arrived: it goes first, then whatever streamed in meanwhile (overlap counted once). */
export function loadLogTail(jobId: number, tail: readonly string[]): void {
  const view = useLogsStore.getState().views[jobId]
  if (!view || !view.loading) return
  view.ring.push(mergeTailAndLive(tail, view.pending))
  bump(jobId, { loading: false, pending: [] })
}

export function appendLogLines(jobId: number, lines: readonly string[]): void {
  const view = useLogsStore.getState().views[jobId]
  if (!view || lines.length === 0) return
  if (view.loading) {
    view.pending.push(...lines)
    return
  }
  view.ring.push(lines)
  bump(jobId, {})
}

function bump(jobId: number, patch: Partial<LogView>): void {
  useLogsStore.setState((s) => {
    const view = s.views[jobId]
    if (!view) return s
    return { views: { ...s.views, [jobId]: { ...view, ...patch, version: view.version + 1 } } }
  })
}
