// Every job the host told us about, plus which ones this client started (its "workspace").
import { create } from 'zustand'
import { isTerminalStatus, type JobRow } from '@shared/domain'
import { withoutKey } from '../lib/withoutKey'

export interface Rejection {
  name: string
  reason: string
}

export interface JobsState {
  byId: Partial<Record<number, JobRow>>
  /** Jobs created from this page session, newest first; the Transcribe queue shows these. */
  ownIds: number[]
  /** Files refused by the last drop (before or by jobs.create), each with its reason. */
  rejected: Rejection[]
  loaded: boolean
}

export const initialJobsState: JobsState = { byId: {}, ownIds: [], rejected: [], loaded: false }

export const useJobsStore = create<JobsState>()(() => initialJobsState)

export function isTerminal(row: Pick<JobRow, 'status'>): boolean {
  return isTerminalStatus(row.status)
}

export function setAllJobs(rows: readonly JobRow[]): void {
  const byId: Record<number, JobRow> = {}
  for (const row of rows) byId[row.id] = row
  useJobsStore.setState((s) => ({ byId: { ...byId, ...newerOnly(s.byId, byId) }, loaded: true }))
}

/** Rows that arrived by event while a list request was in flight must not be rolled back. */
function newerOnly(
  current: Partial<Record<number, JobRow>>,
  listed: Partial<Record<number, JobRow>>
): Record<number, JobRow> {
  const keep: Record<number, JobRow> = {}
  for (const row of jobsIn(current)) {
    const other = listed[row.id]
    if (other && isTerminal(row) && !isTerminal(other)) keep[row.id] = row
  }
  return keep
}

/** The rows of a byId map (a key lookup can miss, so the map's values are typed optional). */
export function jobsIn(byId: Partial<Record<number, JobRow>>): JobRow[] {
  return Object.values(byId).filter((row): row is JobRow => row !== undefined)
}

export function upsertJob(row: JobRow): void {
  useJobsStore.setState((s) => {
    const current = s.byId[row.id]
    // A terminal status never changes (the DB guards it); ignore a stale non-terminal echo.
    if (current && isTerminal(current) && !isTerminal(row)) return s
    return { byId: { ...s.byId, [row.id]: row } }
  })
}

/**
 * A job that ended and runs again (resumed, here or by another client): the host's row as read just
 * now replaces the ended one, which upsertJob would keep (it ignores non-terminal echoes of an end).
 */
export function replaceJob(row: JobRow): void {
  useJobsStore.setState((s) => ({ byId: { ...s.byId, [row.id]: row } }))
}

export function removeJob(id: number): void {
  useJobsStore.setState((s) => {
    if (!(id in s.byId) && !s.ownIds.includes(id)) return s
    return { byId: withoutKey(s.byId, id), ownIds: s.ownIds.filter((x) => x !== id) }
  })
}

export function addOwnJobs(rows: readonly JobRow[]): void {
  for (const row of rows) upsertJob(row)
  useJobsStore.setState((s) => {
    const fresh = rows.map((r) => r.id).filter((id) => !s.ownIds.includes(id))
    return { ownIds: [...fresh.reverse(), ...s.ownIds] }
  })
}

export function setRejected(rejected: readonly Rejection[]): void {
  useJobsStore.setState({ rejected: [...rejected] })
}

/** Jobs this client started that are still queued or running and not kept in background. */
export function activeOwnJobs(state: JobsState): JobRow[] {
  return state.ownIds
    .map((id) => state.byId[id])
    .filter(
      (row): row is JobRow => row !== undefined && !isTerminal(row) && row.keep_in_background === 0
    )
}

/**
 * The Transcribe queue: every job this page started, and every job still queued or running
 * wherever it came from (after a reload, the jobs kept in background are still there), newest first.
 */
export function queueIds(state: JobsState): number[] {
  const ids = new Set(state.ownIds)
  for (const row of jobsIn(state.byId)) if (!isTerminal(row)) ids.add(row.id)
  return [...ids].sort((a, b) => b - a)
}
