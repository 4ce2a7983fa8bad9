// What closing a window and quitting do while a window records (the question: recordingPrompt.ts).
// Close: Stay cancels it; "Stop and keep" ends the window's recordings before its page goes;
// background hides the window instead. Quit: the same for every recording window, and "Stop and
// keep" holds the quit (quitGuard.ts) until the ended recordings' jobs have finished their
// transcript, bounded, before everything else stops. A signal quits without asking (no one to ask):
// the shutdown stops the recording there and its audio is kept all the same.
import type { BrowserWindow } from 'electron'
import type { HostedService } from '../core/hosting/hostedService'
import { webContentsClientId } from './ipcBridge'
import { askAboutRecording } from './recordingPrompt'

/** How long quit waits for ended recordings to finish transcribing (their last chunk) first. */
export const RECORDING_FINISH_TIMEOUT_MS = 60_000

/** A recording ends this long after "Stop and keep": the question blocked main, the page held the
 * audio meanwhile and sends it all as soon as its request in flight is answered (renderer
 * store/recordingStore.ts, one request at a time), a round trip later. Ended at once, that audio
 * would arrive to a recording that no longer takes it. */
export const HELD_AUDIO_FLUSH_MS = 500

export interface RecordingExits {
  /** Makes the window's close ask while it records. */
  guardClose(window: BrowserWindow): void
  /** The window's close was answered "Stop and keep": its page must not ask again. */
  closeAnswered(window: BrowserWindow): boolean
  /** before-quit: whether quitting goes on (asked while a window records). */
  mayQuit(): boolean
  /** Waits (bounded) for the recordings an answer ended; null when there are none. */
  finishEnded(): Promise<void> | null
  /** How long finishEnded may take (0 with nothing to finish). */
  finishTimeoutMs(): number
  /** From now on quit does not ask (a signal). */
  quitWithoutAsking(): void
}

const clientOf = (window: BrowserWindow): string => webContentsClientId(window.webContents.id)

/** Hidden, the window keeps its page and microphone; not throttled while hidden, so frames flow. */
function toBackground(window: BrowserWindow): void {
  window.webContents.setBackgroundThrottling(false)
  window.once('show', () => window.webContents.setBackgroundThrottling(true))
  window.hide()
}

export function recordingExits(
  service: HostedService,
  windows: () => BrowserWindow[],
  log: (line: string) => void
): RecordingExits {
  const ended = new Set<number>()
  /** Clients whose recordings end when the quit starts stopping ("Stop and keep" on quit). */
  const toEnd = new Set<string>()
  /** Clients whose close was answered "Stop and keep": closing once their audio is in. */
  const closing = new Set<string>()
  let asking = true
  const recordingsOf = (window: BrowserWindow): number[] =>
    window.isDestroyed() ? [] : (service.liveRecordingsOf?.(clientOf(window)) ?? [])
  const stopAndKeep = (clientId: string): void => {
    for (const id of service.endRecordingsOf?.(clientId) ?? []) ended.add(id)
  }
  const closeAfterFlush = (window: BrowserWindow): void => {
    const clientId = clientOf(window)
    closing.add(clientId)
    setTimeout(() => {
      stopAndKeep(clientId)
      if (!window.isDestroyed()) window.close()
    }, HELD_AUDIO_FLUSH_MS)
  }
  return {
    guardClose(window) {
      window.on('close', (event) => {
        if (!asking || recordingsOf(window).length === 0) return
        event.preventDefault()
        if (closing.has(clientOf(window))) return
        const answer = askAboutRecording(window, 'close')
        if (answer === 'stop') closeAfterFlush(window)
        if (answer === 'background') toBackground(window)
      })
    },
    closeAnswered: (window) => closing.has(clientOf(window)),
    mayQuit() {
      const recording = windows().filter((w) => recordingsOf(w).length > 0)
      if (!asking || recording.length === 0) return true
      const answer = askAboutRecording(recording.find((w) => w.isVisible()) ?? null, 'quit')
      if (answer === 'stay') return false
      if (answer === 'background') {
        // The app goes to the background whole: no window stays in sight to look like a failed quit.
        for (const window of windows().filter((w) => !w.isDestroyed()))
          if (recording.includes(window)) toBackground(window)
          else window.hide()
        return false
      }
      for (const window of recording) toEnd.add(clientOf(window))
      return true
    },
    finishEnded() {
      if ((ended.size === 0 && toEnd.size === 0) || !service.waitForJobs) return null
      const wait = service.waitForJobs.bind(service)
      return (async () => {
        if (toEnd.size > 0) await new Promise((done) => setTimeout(done, HELD_AUDIO_FLUSH_MS))
        toEnd.forEach(stopAndKeep)
        await finishWithin(wait([...ended]), RECORDING_FINISH_TIMEOUT_MS, log)
      })()
    },
    finishTimeoutMs: () =>
      ended.size > 0 || toEnd.size > 0 ? HELD_AUDIO_FLUSH_MS + RECORDING_FINISH_TIMEOUT_MS : 0,
    quitWithoutAsking() {
      asking = false
    }
  }
}

async function finishWithin(
  finished: Promise<unknown>,
  timeoutMs: number,
  log: (line: string) => void
): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<void>((done) => {
    timer = setTimeout(() => {
      log(`[quit] the stopped recordings were not transcribed within ${timeoutMs} ms; quitting`)
      done()
    }, timeoutMs)
  })
  await Promise.race([finished.then(() => undefined), late])
  clearTimeout(timer)
}
