// Which host the renderer runs in, for the few things only a desktop app can do (open a file in
// its app, show it in the file manager). The preload gives Electron's page `pathForFile`; the
// browser host's API has none (it uploads files instead), and its page cannot reach the desktop.
import type { TranscriptorApi } from '@shared/ipc/api'

export function hostOpensFiles(api: Pick<TranscriptorApi, 'pathForFile'>): boolean {
  return typeof api.pathForFile === 'function'
}
