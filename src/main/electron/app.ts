// The Electron app: one instance, one hardened window, the core service behind typed IPC, and
// every job stopped when the page that owns it goes away or the app quits.
import { app, BrowserWindow, ipcMain, session, shell } from 'electron'
import { createTranscriptionService } from '../core/service/transcriptionService'
import { resolveDataDir } from '../core/paths'
import { ClientRequests } from '../clientRequests'
import { readFlag } from '../commandLine'
import { oneLineError } from '../dispatchRequest'
import type { HostedService } from '../hostedService'
import { appEntry, type AppEntry } from './appOrigin'
import { watchClientLifecycle } from './clientLifecycle'
import { forwardServiceEvents, registerIpcHandlers, webContentsClientId } from './ipcBridge'
import { installQuitGuard } from './quitGuard'
import { hardenAllWebContents, hardenSession } from './security'
import { isTrustedSender } from './trustedSender'
import { mainWindowOptions, preloadPath, rendererIndexPath } from './windowOptions'

/** Quit waits at most this long for every job to stop (then exits anyway). */
export const QUIT_TIMEOUT_MS = 5_000

const log = (line: string): void => console.error(line)

/** `--data-dir` or TRANSCRIPTOR_HOME, else Electron's userData. Each data dir is its own instance. */
function chooseDataDir(): string {
  const flag = readFlag(process.argv, 'data-dir')
  if (flag || process.env.TRANSCRIPTOR_HOME) {
    const dir = resolveDataDir(flag, process.env)
    app.setPath('userData', dir)
    return dir
  }
  return app.getPath('userData')
}

function createMainWindow(
  service: HostedService,
  requests: ClientRequests,
  entry: AppEntry
): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath(__dirname)))
  const contents = window.webContents
  const clientId = webContentsClientId(contents.id)
  watchClientLifecycle(contents, (reason) => {
    void requests
      .settled(clientId)
      .then(() => service.releaseClient(clientId, reason))
      .then(
        (notice) =>
          notice.jobs.length && log(`[app] ${reason}: stopped ${notice.jobs.length} job(s)`)
      )
      .catch((error: unknown) => log(`[app] releasing ${clientId} failed: ${oneLineError(error)}`))
  })
  window.once('ready-to-show', () => window.show())
  if (entry.kind === 'dev') void window.loadURL(process.env.ELECTRON_RENDERER_URL as string)
  else void window.loadFile(entry.indexPath)
  return window
}

export function startElectronApp(): void {
  const dataDir = chooseDataDir()
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  const entry = appEntry(rendererIndexPath(__dirname), process.env.ELECTRON_RENDERER_URL)
  const requests = new ClientRequests()
  const windows = new Set<BrowserWindow>()
  hardenAllWebContents(app)

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, entry)
    const service = createTranscriptionService({
      // The service runs pipelines with Electron's binary as node (ELECTRON_RUN_AS_NODE=1).
      dataDir,
      desktop: {
        openPath: async (path) => (await shell.openPath(path)) === '',
        revealPath: (path) => {
          shell.showItemInFolder(path)
          return true
        }
      }
    })
    installQuitGuard(
      app,
      () => service.shutdown('the app quit', QUIT_TIMEOUT_MS),
      QUIT_TIMEOUT_MS + 1_000,
      log
    )
    registerIpcHandlers({
      ipcMain,
      handlers: service.handlers,
      requests,
      isTrustedSender: (event) =>
        isTrustedSender(
          event,
          [...windows].map((w) => w.webContents),
          entry
        ),
      log
    })
    forwardServiceEvents(service, (channel, payload) => {
      for (const window of windows) {
        if (!window.webContents.isDestroyed()) window.webContents.send(channel, payload)
      }
    })
    service
      .start()
      .catch((error: unknown) =>
        log(`[app] heartbeat/reaper failed to start: ${oneLineError(error)}`)
      )

    const open = (): void => {
      const window = createMainWindow(service, requests, entry)
      windows.add(window)
      window.on('closed', () => windows.delete(window))
    }
    open()
    app.on('second-instance', () => {
      const [window] = windows
      if (!window) return open()
      if (window.isMinimized()) window.restore()
      window.focus()
    })
    app.on('activate', () => windows.size === 0 && open())
  })

  app.on('window-all-closed', () => app.quit())
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit())
}
