// The Electron app: one instance, one hardened window, the core service behind typed IPC, and
// every job stopped when the page that owns it goes away or the app quits; closing or quitting
// while a window records asks first (recordingExits.ts).
import {
  app,
  BrowserWindow,
  desktopCapturer,
  dialog,
  ipcMain,
  session,
  shell,
  type WebContents
} from 'electron'
import { createTranscriptionService } from '../core/service/transcriptionService'
import { SafeStorageSecretStore } from './safeStorageSecrets'
import { dataPaths, resolveDataDir } from '../core/paths'
import { ClientRequests } from '../core/hosting/clientRequests'
import { readFlag } from '../core/hosting/commandLine'
import { oneLineError } from '@shared/errors'
import type { HostedService } from '../core/hosting/hostedService'
import { appEntry, isAppUrl, type AppEntry } from './appOrigin'
import { watchClientLifecycle } from './clientLifecycle'
import { forwardServiceEvents, registerIpcHandlers, webContentsClientId } from './ipcBridge'
import { installQuitGuard } from './quitGuard'
import { askBeforeUnload } from './unloadPrompt'
import { recordingExits, type RecordingExits } from './recordingExits'
import { notifyJobEnds } from './jobNotifications'
import { handleMediaProtocol, registerMediaScheme } from './mediaProtocol'
import { answerDisplayMediaWithLoopback } from './displayMedia'
import { hardenAllWebContents, hardenSession } from './security'
import { isTrustedSender } from './trustedSender'
import { mainWindowOptions, preloadPath, rendererIndexPath } from './windowOptions'
import { SHUTDOWN_TIMEOUT_MS } from '../os/stopTimings'

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
  { service, exits }: Core,
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
  exits.guardClose(window)
  askBeforeUnload(window, service, clientId, () => exits.closeAnswered(window))
  window.once('ready-to-show', () => window.show())
  if (entry.kind === 'dev') void window.loadURL(process.env.ELECTRON_RENDERER_URL as string)
  else void window.loadFile(entry.indexPath)
  return window
}

interface Core {
  service: HostedService
  exits: RecordingExits
}

/** The core service behind typed IPC, with quit held until it has stopped every job. */
function startCore(
  dataDir: string,
  entry: AppEntry,
  requests: ClientRequests,
  windows: () => BrowserWindow[]
): Core {
  const liveContents = (): WebContents[] => windows().map((w) => w.webContents)
  // The service runs pipelines with Electron's binary as node (ELECTRON_RUN_AS_NODE=1).
  const service = createTranscriptionService({
    dataDir,
    secrets: new SafeStorageSecretStore(dataPaths(dataDir).safeSecrets),
    desktop: {
      openPath: async (path) => (await shell.openPath(path)) === '',
      revealPath: (path) => {
        shell.showItemInFolder(path)
        return true
      }
    }
  })
  const exits = recordingExits(service, windows, log)
  const shutdown = (): Promise<void> => service.shutdown('the app quit', SHUTDOWN_TIMEOUT_MS)
  installQuitGuard(
    app,
    // Recordings a "Stop and keep" ended finish their transcript first; then everything stops.
    () => exits.finishEnded()?.then(shutdown) ?? shutdown(),
    () => exits.finishTimeoutMs() + SHUTDOWN_TIMEOUT_MS + 1_000,
    log,
    () => exits.mayQuit()
  )
  registerIpcHandlers({
    ipcMain,
    handlers: service.handlers,
    requests,
    isTrustedSender: (event) => isTrustedSender(event, liveContents(), entry),
    log
  })
  forwardServiceEvents(service, (channel, payload) => {
    for (const contents of liveContents()) contents.send(channel, payload)
  })
  service
    .start()
    .then(() => service.watch.start())
    .catch((error: unknown) =>
      log(`[app] heartbeat/reaper failed to start: ${oneLineError(error)}`)
    )
  return { service, exits }
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
  registerMediaScheme()

  // Windows can be destroyed before 'closed' removes them; never touch a destroyed one.
  const liveWindows = (): BrowserWindow[] =>
    [...windows].filter((w) => !w.isDestroyed() && !w.webContents.isDestroyed())
  let exits: RecordingExits | null = null

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, entry)
    answerDisplayMediaWithLoopback(session.defaultSession, desktopCapturer, (url) =>
      isAppUrl(url, entry)
    )
    let core: Core
    try {
      core = startCore(dataDir, entry, requests, liveWindows)
    } catch (error) {
      // E.g. a database from a newer version: say why, in one line, instead of a blank window.
      dialog.showErrorBox('Transcriptor could not start', oneLineError(error))
      app.exit(1)
      return
    }

    exits = core.exits
    handleMediaProtocol(core.service, (url) => isAppUrl(url, entry))
    notifyJobEnds(core.service, () => [...windows])

    const open = (): void => {
      const window = createMainWindow(core, requests, entry)
      windows.add(window)
      window.on('closed', () => windows.delete(window))
    }
    open()
    // Opening the app again brings its window back, hidden too (recording in the background).
    const reveal = (): void => {
      const window = windows.values().next().value
      if (!window) return open()
      if (window.isMinimized()) window.restore()
      window.show()
      window.focus()
    }
    app.on('second-instance', reveal)
    app.on('activate', reveal)
  })

  app.on('window-all-closed', () => app.quit())
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      exits?.quitWithoutAsking()
      app.quit()
    })
}
