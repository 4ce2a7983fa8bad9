// Session- and webContents-level hardening: no permissions but sound for our own page
// (mediaPermission.ts), no navigation, no new windows, no webviews, no remote content, and the
// CSP as a response header where Electron sees headers.
import type { App, Session, WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../core/hosting/contentSecurityPolicy'
import { isAppUrl, type AppEntry } from './appOrigin'
import { allowSoundOnly } from './mediaPermission'

const REMOTE_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:'])

export function hardenSession(session: Session, entry: AppEntry): void {
  allowSoundOnly(session, (url) => isAppUrl(url, entry))
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
