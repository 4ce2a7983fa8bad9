// Every job the host told us about, plus which ones this client started (its "workspace").
import { create } from 'zustand'
import { isTerminalStatus, type JobRow, type JobStatus, type QueueSnapshot } from '@shared/domain'
import { withoutKey } from '../lib/withoutKey'

export interface Rejection {
  name: string
  reason: string
}

export interface JobsState {
  /** Rows the page has: the queue's first page, rows scrolled to, jobs events told about. */
  byId: Partial<Record<number, JobRow>>
  /**
   * Every unfinished job's status, loaded row or not: the queue's order and its counts. 10,000
   * queued jobs are 10,000 entries here, not 10,000 rows (src/main/core/db/queueQuery.ts).
   */
  unfinished: Partial<Record<number, JobStatus>>
  /** Jobs created from this page session, newest first; the Transcribe queue shows these. */
  ownIds: number[]
  /** Files refused by the last drop (before or by jobs.create), each with its reason. */
  rejected: Rejection[]
  loaded: boolean
}

export const initialJobsState: JobsState = {
  byId: {},
  unfinished: {},
  ownIds: [],
  rejected: [],
  loaded: false
}

export const useJobsStore = create<JobsState>()(() => initialJobsState)

export function isTerminal(row: Pick<JobRow, 'status'>): boolean {
  return isTerminalStatus(row.status)
}

/**
 * The queue as the host had it when asked. What events said while the request was in flight
 * wins: a job that ended there is not brought back, a job created since is kept.
 */
export function setQueueSnapshot(snapshot: QueueSnapshot): void {
  useJobsStore.setState((s) => {
    const unfinished: Partial<Record<number, JobStatus>> = {}
    for (const id of snapshot.queued) unfinished[id] = 'queued'
    for (const id of snapshot.processing) unfinished[id] = 'processing'
    Object.assign(unfinished, s.unfinished)
    for (const row of jobsIn(s.byId)) if (isTerminal(row)) delete unfinished[row.id]
    return { byId: withRows(s.byId, snapshot.rows), unfinished, loaded: true }
  })
}

/** Rows the page asked for (scrolled to); an id the host no longer has is gone from the queue. */
export function addRows(asked: readonly number[], rows: readonly JobRow[]): void {
  const found = new Set(rows.map((r) => r.id))
  useJobsStore.setState((s) => {
    let unfinished = s.unfinished
    for (const row of rows) unfinished = withStatus(unfinished, row)
    for (const id of asked) if (!found.has(id)) unfinished = withoutKey(unfinished, id)
    return { byId: withRows(s.byId, rows), unfinished }
  })
}

/** A terminal status never changes (the DB guards it): a stale non-terminal echo is ignored. */
function withRows(
  byId: Partial<Record<number, JobRow>>,
  rows: readonly JobRow[]
): Partial<Record<number, JobRow>> {
  const next = { ...byId }
  for (const row of rows) {
    const current = next[row.id]
    if (!current || !isTerminal(current) || isTerminal(row)) next[row.id] = row
  }
  return next
}

/** The same map when the row's place in the queue did not change (progress, a warning). */
function withStatus(
  unfinished: Partial<Record<number, JobStatus>>,
  row: JobRow
): Partial<Record<number, JobStatus>> {
  if (isTerminal(row)) return row.id in unfinished ? withoutKey(unfinished, row.id) : unfinished
  return unfinished[row.id] === row.status ? unfinished : { ...unfinished, [row.id]: row.status }
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
    return { byId: { ...s.byId, [row.id]: row }, unfinished: withStatus(s.unfinished, row) }
  })
}

/**
 * A job that ended and runs again (resumed, here or by another client): the host's row as read just
 * now replaces the ended one, which upsertJob would keep (it ignores non-terminal echoes of an end).
 */
export function replaceJob(row: JobRow): void {
  useJobsStore.setState((s) => ({
    byId: { ...s.byId, [row.id]: row },
    unfinished: withStatus(s.unfinished, row)
  }))
}

export function removeJob(id: number): void {
  useJobsStore.setState((s) => {
    if (!(id in s.byId) && !(id in s.unfinished) && !s.ownIds.includes(id)) return s
    return {
      byId: withoutKey(s.byId, id),
      unfinished: withoutKey(s.unfinished, id),
      ownIds: s.ownIds.filter((x) => x !== id)
    }
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
  if (lastQueue.own === state.ownIds && lastQueue.unfinished === state.unfinished)
    return lastQueue.ids
  const ids = new Set(state.ownIds)
  for (const key of Object.keys(state.unfinished)) ids.add(Number(key))
  lastQueue = {
    own: state.ownIds,
    unfinished: state.unfinished,
    ids: [...ids].sort((a, b) => b - a)
  }
  return lastQueue.ids
}

// Progress events change rows, not the queue's order: 10,000 ids are not sorted again for them.
let lastQueue: { own: number[]; unfinished: JobsState['unfinished']; ids: number[] } = {
  own: [],
  unfinished: {},
  ids: []
}

/** Unfinished jobs by status, for the queue's count line and the window title. */
export function unfinishedCounts(state: JobsState): UnfinishedCounts {
  if (lastCounts.of === state.unfinished) return lastCounts.counts
  const counts = { processing: 0, queued: 0 }
  for (const status of Object.values(state.unfinished)) {
    if (status === 'processing') counts.processing++
    else if (status === 'queued') counts.queued++
  }
  lastCounts = { of: state.unfinished, counts }
  return counts
}

export interface UnfinishedCounts {
  processing: number
  queued: number
}

let lastCounts: { of: JobsState['unfinished']; counts: UnfinishedCounts } = {
  of: {},
  counts: { processing: 0, queued: 0 }
}
