// Main decides by itself when a window's page is gone, without trusting the renderer to say so:
// a reload or navigation of the top frame, a renderer crash, a hang longer than the timeout, or
// the window closing. Each releases the client, which stops its jobs (keep-in-background excepted).
import type { RenderProcessGoneDetails, WebContents } from 'electron'

export const UNRESPONSIVE_TIMEOUT_MS = 10_000

export const RELEASE_REASONS = {
  navigated: 'the window reloaded or navigated away',
  crashed: (why: string) => `the window's renderer crashed (${why})`,
  hung: (ms: number) => `the window stopped responding for ${Math.round(ms / 1000)} s`,
  closed: 'the window was closed'
} as const

/** The events of Electron's WebContents used here (a unit test drives an EventEmitter). */
export type WatchedWebContents = Pick<WebContents, 'on' | 'id'>

interface NavigationDetails {
  isMainFrame: boolean
  isSameDocument: boolean
}

export function watchClientLifecycle(
  contents: WatchedWebContents,
  release: (reason: string) => void,
  unresponsiveTimeoutMs = UNRESPONSIVE_TIMEOUT_MS
): void {
  let hangTimer: NodeJS.Timeout | undefined
  const clearHang = (): void => {
    if (hangTimer) clearTimeout(hangTimer)
    hangTimer = undefined
  }
  let loadedOnce = false

  contents.on('did-start-navigation', (details: NavigationDetails) => {
    // Hash/pushState changes are in-page routing (the renderer reports those itself).
    if (!details.isMainFrame || details.isSameDocument) return
    // The first load of the window owns no jobs yet; every later one replaces the page.
    if (loadedOnce) release(RELEASE_REASONS.navigated)
    loadedOnce = true
  })
  contents.on('render-process-gone', (_event: unknown, details: RenderProcessGoneDetails) => {
    clearHang()
    release(RELEASE_REASONS.crashed(details.reason))
  })
  contents.on('unresponsive', () => {
    clearHang()
    hangTimer = setTimeout(
      () => release(RELEASE_REASONS.hung(unresponsiveTimeoutMs)),
      unresponsiveTimeoutMs
    )
  })
  contents.on('responsive', clearHang)
  contents.on('destroyed', () => {
    clearHang()
    release(RELEASE_REASONS.closed)
  })
}
