// The Electron app's system notification when a job finishes or fails (the renderer's web
// Notification is refused there: every permission request is denied by security.ts).
import { Notification, type BrowserWindow } from 'electron'
import type { JobRow } from '@shared/domain'
import type { HostedService } from '../core/hosting/hostedService'

const ENDS = new Set(['completed', 'failed'])

export function notifyJobEnds(service: HostedService, windows: () => BrowserWindow[]): void {
  const seen = new Map<number, string>()
  service.on('job.updated', (row: JobRow) => {
    const before = seen.get(row.id)
    seen.set(row.id, row.status)
    if (ENDS.has(row.status)) seen.delete(row.id)
    if (before === undefined || before === row.status || !ENDS.has(row.status)) return
    // In front of the user already: the window's own live region and title say it.
    if (windows().some((w) => !w.isDestroyed() && w.isFocused())) return
    if (!Notification.isSupported()) return
    new Notification({
      title: row.status === 'completed' ? 'Transcript ready' : 'Transcription failed',
      body:
        row.status === 'completed'
          ? `${row.filename} (job #${row.id})`
          : `${row.filename}: ${row.error_message ?? 'failed'}`
    }).show()
  })
}
