// Session- and webContents-level hardening: no permissions but the microphone for our own page (the
// Record button) and, where the app answers it with sound only, its screen share (system audio,
// displayMedia.ts); no navigation, no new windows, no webviews, no remote content, and the CSP as
// a response header where Electron sees headers.
import type { App, Session, WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../core/hosting/contentSecurityPolicy'
import { isAppUrl, type AppEntry } from './appOrigin'

const REMOTE_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:'])

interface MediaDetails {
  isMainFrame?: boolean
  requestingUrl?: string
  /** A request names what it wants to open; a check asks about one kind. */
  mediaTypes?: string[]
  mediaType?: string
}

/** Audio and nothing else (no camera, no screen), asked by our app's top frame. */
export function isOurMicrophone(
  permission: string,
  details: MediaDetails | undefined,
  entry: AppEntry
): boolean {
  if (permission !== 'media' || !details?.isMainFrame || !details.requestingUrl) return false
  const kinds = details.mediaTypes ?? (details.mediaType ? [details.mediaType] : [])
  return (
    kinds.length > 0 &&
    kinds.every((kind) => kind === 'audio') &&
    isAppUrl(details.requestingUrl, entry)
  )
}

/**
 * A screen share asked by our app's top frame, which Electron reports as `media` with no media
 * types. Granted only where displayMedia.ts answers it with the screen's sound (Windows, macOS);
 * the picture is dropped by the page at once.
 */
export function isOurScreenShare(
  permission: string,
  details: MediaDetails | undefined,
  entry: AppEntry,
  platform: NodeJS.Platform = process.platform
): boolean {
  if (platform !== 'win32' && platform !== 'darwin') return false
  if (permission !== 'media' || !details?.isMainFrame || !details.requestingUrl) return false
  return details.mediaTypes?.length === 0 && isAppUrl(details.requestingUrl, entry)
}

export function hardenSession(session: Session, entry: AppEntry): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = details as MediaDetails | undefined
    callback(
      isOurMicrophone(permission, media, entry) || isOurScreenShare(permission, media, entry)
    )
  })
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isOurMicrophone(permission, details as MediaDetails | undefined, entry)
  )
  session.webRequest.onBeforeRequest((details, callback) => {
    let remote = false
    try {
      const url = new URL(details.url)
      // In `npm run dev` the page and Vite's HMR socket come from the dev server; nothing else.
      const devServer = entry.kind === 'dev' && url.host === new URL(entry.origin).host
      remote = REMOTE_PROTOCOLS.has(url.protocol) && !devServer && !isAppUrl(details.url, entry)
    } catch {
      remote = true
    }
    callback({ cancel: remote })
  })
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY]
      }
    })
  })
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/** Applies hardenWebContents to every webContents the app ever creates. */
export function hardenAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
}
