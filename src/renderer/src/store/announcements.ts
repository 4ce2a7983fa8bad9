// Saying when jobs end, where the user will notice: a live region (read out by screen readers),
// a system notification when the window is not in front (the browser's Notification API in the
// browser host; the Electron app shows its own from main), and the window title's running count.
import { create } from 'zustand'
import type { JobRow } from '@shared/domain'

export interface AnnouncementsState {
  /** The latest sentence for the live region. */
  message: string
  /** Bumped per message so the same sentence twice is still announced. */
  serial: number
}

export const useAnnouncementsStore = create<AnnouncementsState>()(() => ({
  message: '',
  serial: 0
}))

export function jobEndSentence(row: JobRow): string | null {
  if (row.status === 'completed') return `Finished: ${row.filename} (job #${row.id}).`
  if (row.status === 'failed')
    return `Failed: ${row.filename} (job #${row.id})${row.error_message ? `: ${row.error_message}` : '.'}`
  return null
}

function notifySystem(title: string, body: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  if (document.visibilityState === 'visible' && document.hasFocus()) return
  try {
    new Notification(title, { body, tag: 'transcriptor-job' })
  } catch {
    // Some browsers allow notifications only from a service worker: the live region still says it.
  }
}

/** A job reached completed or failed (cancelled jobs were stopped by someone who knows). */
export function announceJobEnd(row: JobRow): void {
  const sentence = jobEndSentence(row)
  if (!sentence) return
  useAnnouncementsStore.setState((s) => ({ message: sentence, serial: s.serial + 1 }))
  notifySystem(row.status === 'completed' ? 'Transcript ready' : 'Transcription failed', sentence)
}

/**
 * Asks for notification permission once, from a user gesture (a drop or a click on "Choose
 * files"), and only in a browser that has not been asked yet.
 */
export function askNotificationPermissionOnce(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return
  void Notification.requestPermission().catch(() => undefined)
}
