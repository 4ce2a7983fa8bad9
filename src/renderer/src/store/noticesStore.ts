// Banners at the top of the app: which jobs were stopped and why, and errors from requests.
import { create } from 'zustand'

export type NoticeKind = 'stopped' | 'error' | 'info'

export interface Notice {
  id: number
  kind: NoticeKind
  message: string
  /** For 'stopped': the jobs it is about (used to avoid showing the same stop twice). */
  jobIds: number[]
}

export interface NoticesState {
  notices: Notice[]
  nextId: number
}

export const initialNoticesState: NoticesState = { notices: [], nextId: 1 }

export const useNoticesStore = create<NoticesState>()(() => initialNoticesState)

/** Older notices fall off so a long session does not pile up banners. */
export const MAX_NOTICES = 5

export function addNotice(kind: NoticeKind, message: string, jobIds: number[] = []): void {
  useNoticesStore.setState((s) => ({
    notices: [...s.notices, { id: s.nextId, kind, message, jobIds }].slice(-MAX_NOTICES),
    nextId: s.nextId + 1
  }))
}

/**
 * The host reports a stop twice (the leavingPage answer and the `jobs.stopped` event); the user
 * should read it once. A stop notice whose jobs are all already in a visible stop notice is dropped.
 */
export function addStoppedNotice(jobs: { id: number; filename: string }[], reason: string): void {
  if (jobs.length === 0) return
  const shown = new Set(
    useNoticesStore
      .getState()
      .notices.filter((n) => n.kind === 'stopped')
      .flatMap((n) => n.jobIds)
  )
  if (jobs.every((j) => shown.has(j.id))) return
  const names = jobs.map((j) => `${j.filename} (#${j.id})`).join(', ')
  addNotice(
    'stopped',
    `Stopped ${names}: ${reason}`,
    jobs.map((j) => j.id)
  )
}

export function dismissNotice(id: number): void {
  useNoticesStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
}
