// Which URL is "our app": the built index.html on disk, or electron-vite's dev server in
// `npm run dev`. IPC from any other document (or any subframe) is refused.
import { pathToFileURL } from 'node:url'

export type AppEntry = { kind: 'file'; indexPath: string } | { kind: 'dev'; origin: string }

export function appEntry(rendererIndex: string, devServerUrl: string | undefined): AppEntry {
  if (devServerUrl) return { kind: 'dev', origin: new URL(devServerUrl).origin }
  return { kind: 'file', indexPath: rendererIndex }
}

export function isAppUrl(url: string, entry: AppEntry): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (entry.kind === 'dev') return parsed.origin === entry.origin
  return parsed.protocol === 'file:' && parsed.pathname === pathToFileURL(entry.indexPath).pathname
}
