// Reload or close with running jobs: the renderer's beforeunload handler refuses to unload (it
// knows which jobs would stop), and Electron then emits 'will-prevent-unload' instead of showing
// the browser's prompt. Ask the same question as the in-app dialog, natively; while the window
// records, about the recording (which ends with the window, and is transcribed). A close already
// answered about its recording (recordingExits.ts) is not asked about twice.
import { dialog, type BrowserWindow } from 'electron'
import type { HostedService } from '../core/hosting/hostedService'

export const UNLOAD_CHOICES = ['Stay', 'Stop them and leave', 'Keep them running'] as const
/** A recording cannot go on without its window (the microphone is the window's): it ends. */
export const RECORDING_UNLOAD_CHOICES = ['Stay', 'Stop recording and leave'] as const

function ask(window: BrowserWindow, recording: boolean): number {
  const question = recording
    ? {
        message: 'Recording in progress',
        detail:
          'Closing or reloading ends the recording; what was recorded is transcribed. Other jobs this window started stop.',
        buttons: [...RECORDING_UNLOAD_CHOICES]
      }
    : {
        message: 'Jobs are running',
        detail:
          'Closing or reloading stops the jobs this window started, unless you keep them running in the background.',
        buttons: [...UNLOAD_CHOICES]
      }
  return dialog.showMessageBoxSync(window, {
    type: 'question',
    title: question.message,
    ...question,
    defaultId: 0,
    cancelId: 0,
    noLink: true
  })
}

export function askBeforeUnload(
  window: BrowserWindow,
  service: HostedService,
  clientId: string,
  closeAnswered: () => boolean = () => false
): void {
  window.webContents.on('will-prevent-unload', (event) => {
    if (closeAnswered()) return event.preventDefault()
    const recording = (service.liveRecordingsOf?.(clientId).length ?? 0) > 0
    const choice = ask(window, recording)
    if (choice === 0) return
    // Kept before the page goes, so the release that follows the unload leaves them running.
    if (choice === 2) service.keepClientJobs?.(clientId)
    // preventDefault on this event means: ignore the page's beforeunload and unload anyway.
    event.preventDefault()
  })
}
