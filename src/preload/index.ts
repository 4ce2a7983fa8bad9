// Exposes exactly `window.transcriptor`: the contract's methods, event subscriptions that return
// an unsubscribe function, and the path of a dropped file. No raw ipcRenderer crosses the bridge.
// Runs sandboxed, so it may require nothing but `electron` (the shared helpers are bundled in).
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { TranscriptorApi } from '@shared/ipc/api'
import { buildApi } from '@shared/ipc/buildApi'
import { IPC_PREFIX } from '@shared/ipc/channels'
import { mediaSchemeUrl } from '@shared/ipc/routes'
import type { IpcResult } from '@shared/ipc/contract'

const api: TranscriptorApi = {
  ...buildApi({
    invoke: (channel, input) =>
      ipcRenderer.invoke(IPC_PREFIX + channel, input) as Promise<IpcResult<unknown>>,
    subscribe(event, listener) {
      // The IpcRendererEvent (which exposes ipcRenderer itself) never reaches the page.
      const forward = (_event: unknown, payload: unknown): void => listener(payload)
      ipcRenderer.on(IPC_PREFIX + event, forward)
      return () => {
        ipcRenderer.removeListener(IPC_PREFIX + event, forward)
      }
    }
  }),
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  mediaUrl: mediaSchemeUrl
}

contextBridge.exposeInMainWorld('transcriptor', api)
