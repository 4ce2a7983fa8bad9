// Reload or close with running jobs: the renderer's beforeunload handler refuses to unload (it
// knows which jobs would stop), and Electron then emits 'will-prevent-unload' instead of showing
// the browser's prompt. Ask the same question as the in-app dialog, natively.
import { dialog, type BrowserWindow } from 'electron'
import type { HostedService } from '../core/hosting/hostedService'

export const UNLOAD_CHOICES = ['Stay', 'Stop them and leave', 'Keep them running'] as const

export function askBeforeUnload(
  window: BrowserWindow,
  service: HostedService,
  clientId: string
): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      title: 'Jobs are running',
      message: 'Jobs are running',
      detail:
        'Closing or reloading stops the jobs this window started, unless you keep them running in the background.',
      buttons: [...UNLOAD_CHOICES],
      defaultId: 0,
      cancelId: 0,
      noLink: true
    })
    if (choice === 0) return
    // Kept before the page goes, so the release that follows the unload leaves them running.
    if (choice === 2) service.keepClientJobs?.(clientId)
    // preventDefault on this event means: ignore the page's beforeunload and unload anyway.
    event.preventDefault()
  })
}
