// The Electron main process wired up with the `electron` module (and the core service)
// substituted: the window really gets the hardened options, sessions deny permissions (but the
// microphone to our page) and remote requests, every webContents refuses navigation and new
// windows, IPC answers only our top frame, closing the window releases its jobs, closing or
// quitting while it records asks first and does what each answer says, and quit is held until
// shutdown finishes.
import { EventEmitter } from 'node:events'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { REQUEST_CHANNELS } from '@shared/ipc/channels'
import { IPC_PREFIX } from '@shared/ipc/contract'
import { waitFor } from '../../support/host'

type Handler = (...args: unknown[]) => unknown

const hoisted = vi.hoisted(async () => {
  // vi.hoisted runs before imports, so EventEmitter is imported here.
  const { EventEmitter: Emitter } = await import('node:events')
  type Contents = InstanceType<typeof Emitter> & {
    id: number
    mainFrame: { routingId: number; processId: number; url: string; parent: unknown }
  }
  const app = Object.assign(new Emitter(), {
    exits: [] as number[],
    paths: new Map<string, string>(),
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => app.paths.get(name) ?? '/tmp/transcriptor-user-data',
    setPath: (name: string, value: string) => void app.paths.set(name, value),
    quit: () => {
      let prevented = false
      app.emit('before-quit', { preventDefault: () => (prevented = true) })
      return prevented
    },
    exit: (code = 0) => void app.exits.push(code)
  })
  const windows: {
    options: unknown
    webContents: Contents
    window: InstanceType<typeof Emitter> & { close(): void; closed: boolean; visible: boolean }
  }[] = []
  class BrowserWindow extends Emitter {
    webContents: Contents
    constructor(options: unknown) {
      super()
      const contents = Object.assign(new Emitter(), {
        id: windows.length + 1,
        mainFrame: { routingId: 1, processId: 100, url: 'about:blank', parent: null },
        sent: [] as unknown[],
        throttled: [] as boolean[],
        setBackgroundThrottling: (on: boolean) => void contents.throttled.push(on),
        isDestroyed: () => false,
        send: (channel: string, payload: unknown) => contents.sent.push([channel, payload]),
        setWindowOpenHandler: () => undefined
      })
      this.webContents = contents
      windows.push({ options, webContents: contents, window: this })
    }
    loadFile(path: string) {
      this.webContents.mainFrame.url = `file://${path}`
      return Promise.resolve()
    }
    loadURL() {
      return Promise.resolve()
    }
    isDestroyed() {
      return false
    }
    visible = true
    closed = false
    show() {
      this.visible = true
      this.emit('show')
    }
    hide() {
      this.visible = false
    }
    isVisible() {
      return this.visible
    }
    /** The close button: 'close' first, which may cancel it. */
    close() {
      let prevented = false
      this.emit('close', { preventDefault: () => (prevented = true) })
      if (!prevented) this.closed = true
    }
    focus() {}
    isMinimized() {
      return false
    }
  }
  const ipcHandlers = new Map<string, (...args: unknown[]) => Promise<unknown>>()
  const protocols = new Set<string>()
  const sessionHooks: Record<string, (...args: unknown[]) => unknown> = {}
  /** What main's message box was asked, and the button it answers (by index). */
  const messageBox = { asked: [] as { detail: string; buttons: string[] }[], answer: 0 }
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (h: Handler) => (sessionHooks.permissionRequest = h),
      setPermissionCheckHandler: (h: Handler) => (sessionHooks.permissionCheck = h),
      webRequest: {
        onBeforeRequest: (h: Handler) => (sessionHooks.beforeRequest = h),
        onHeadersReceived: (h: Handler) => (sessionHooks.headersReceived = h)
      }
    }
  }
  return {
    module: {
      app,
      BrowserWindow,
      session,
      ipcMain: {
        handle: (channel: string, h: (...args: unknown[]) => Promise<unknown>) =>
          ipcHandlers.set(channel, h),
        removeHandler: (channel: string) => ipcHandlers.delete(channel)
      },
      dialog: {
        showErrorBox: () => undefined,
        showMessageBoxSync: (...args: unknown[]) => {
          messageBox.asked.push(args[args.length - 1] as { detail: string; buttons: string[] })
          return messageBox.answer
        }
      },
      protocol: {
        registerSchemesAsPrivileged: (schemes: { scheme: string }[]) =>
          schemes.forEach((s) => protocols.add(s.scheme)),
        handle: (scheme: string) => protocols.add(`${scheme}:handled`)
      },
      shell: { openPath: async () => '', showItemInFolder: () => undefined },
      desktopCapturer: { getSources: () => Promise.resolve([]) }
    },
    app,
    windows,
    ipcHandlers,
    sessionHooks,
    protocols,
    messageBox
  }
})

vi.mock('electron', async () => (await hoisted).module)
const electron = await hoisted

const core = vi.hoisted(() => ({
  released: [] as { clientId: string; reason: string }[],
  shutdowns: [] as string[],
  finishShutdown: (): void => undefined,
  options: null as unknown,
  /** The recordings each client is making, by its id. */
  recording: new Map<string, number[]>(),
  ended: [] as number[],
  /** Clients whose page was asked to stop its recordings ("Stop and keep"). */
  askedToEnd: [] as string[],
  /** The asked page has sent what it held and stopped: the ask resolves. */
  pageStopped: (): void => undefined,
  waitedFor: [] as number[][],
  finishJobs: (): void => undefined
}))

vi.mock('../../../src/main/core/service/transcriptionService', () => ({
  createTranscriptionService: (options: unknown) => {
    core.options = options
    return {
      handlers: Object.fromEntries(
        REQUEST_CHANNELS.map((c) => [
          c,
          async (_input: unknown, ctx: { clientId: string }) => ({
            channel: c,
            clientId: ctx.clientId
          })
        ])
      ),
      on: () => () => undefined,
      start: async () => undefined,
      liveRecordingsOf: (clientId: string) => core.recording.get(clientId) ?? [],
      askToEndRecordingsOf: async (clientId: string) => {
        core.askedToEnd.push(clientId)
        await new Promise<void>((done) => (core.pageStopped = done))
        const ids = core.recording.get(clientId) ?? []
        core.recording.delete(clientId)
        core.ended.push(...ids)
        return ids
      },
      waitForJobs: (ids: number[]) => {
        core.waitedFor.push(ids)
        return new Promise<void>((done) => (core.finishJobs = done))
      },
      releaseClient: async (clientId: string, reason: string) => {
        core.released.push({ clientId, reason })
        return { jobs: [], reason }
      },
      shutdown: (reason: string) => {
        core.shutdowns.push(reason)
        return new Promise<void>((done) => (core.finishShutdown = done))
      }
    }
  }
}))

const signalListeners = {
  SIGINT: process.listeners('SIGINT'),
  SIGTERM: process.listeners('SIGTERM')
}

beforeAll(async () => {
  process.env.TRANSCRIPTOR_HOME = '/tmp/transcriptor-wiring-test'
  const { startElectronApp } = await import('../../../src/main/electron/app')
  startElectronApp()
  await waitFor(() => electron.windows.length === 1, 'the window to be created')
})

afterAll(() => {
  delete process.env.TRANSCRIPTOR_HOME
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const l of process.listeners(signal))
      if (!signalListeners[signal].includes(l)) process.off(signal, l)
  }
})

describe('Electron main wiring (electron substituted)', () => {
  it('uses the data dir it was given as userData (one instance per data dir)', () => {
    expect(electron.app.paths.get('userData')).toBe('/tmp/transcriptor-wiring-test')
    expect(core.options).toMatchObject({ dataDir: '/tmp/transcriptor-wiring-test' })
  })

  it('serves job recordings on its own privileged scheme, streamed', () => {
    expect([...electron.protocols]).toEqual(['transcriptor-media', 'transcriptor-media:handled'])
  })

  it('creates the window with the security baseline', () => {
    const { options } = electron.windows[0] as {
      options: { webPreferences: Record<string, unknown> }
    }
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true
    })
    expect(String(options.webPreferences.preload)).toMatch(/preload\/index\.js$/)
  })

  it('denies permissions and remote requests, and sets the CSP header', () => {
    const granted: boolean[] = []
    electron.sessionHooks.permissionRequest!({}, 'media', (ok: boolean) => granted.push(ok))
    expect(granted).toEqual([false])
    expect(electron.sessionHooks.permissionCheck!({}, 'notifications')).toBe(false)
    const decide = (url: string): unknown => {
      let answer: unknown
      electron.sessionHooks.beforeRequest!({ url }, (a: unknown) => (answer = a))
      return answer
    }
    expect(decide('https://evil.example/x.js')).toEqual({ cancel: true })
    expect(decide('file:///app/out/renderer/index.html')).toEqual({ cancel: false })
    let headers: { responseHeaders: Record<string, string[]> } | undefined
    electron.sessionHooks.headersReceived!(
      { responseHeaders: {} },
      (h: typeof headers) => (headers = h)
    )
    expect(headers?.responseHeaders['Content-Security-Policy']?.[0]).toContain("script-src 'self'")
  })

  it('grants the microphone to our page top frame only, audio only (the Record button)', () => {
    const ours = electron.windows[0]!.webContents.mainFrame.url
    expect(ours).toMatch(/^file:.*index\.html$/)
    const request = (details: Record<string, unknown>): boolean[] => {
      const granted: boolean[] = []
      electron.sessionHooks.permissionRequest!({}, 'media', (ok: boolean) => granted.push(ok), {
        isMainFrame: true,
        requestingUrl: `${ours}#/transcribe`,
        mediaTypes: ['audio'],
        ...details
      })
      return granted
    }
    expect(request({})).toEqual([true])
    expect(request({ mediaTypes: ['audio', 'video'] })).toEqual([false])
    // A screen share: refused on Linux, where no screen share is answered (displayMedia.ts).
    if (process.platform === 'linux') expect(request({ mediaTypes: [] })).toEqual([false])
    expect(request({ isMainFrame: false })).toEqual([false])
    expect(request({ requestingUrl: 'file:///tmp/other.html' })).toEqual([false])
    const check = (permission: string, mediaType: string): unknown =>
      electron.sessionHooks.permissionCheck!({}, permission, 'file://', {
        isMainFrame: true,
        requestingUrl: ours,
        mediaType
      })
    expect([
      check('media', 'audio'),
      check('media', 'video'),
      check('geolocation', 'audio')
    ]).toEqual([true, false, false])
  })

  it('makes every webContents refuse navigation, redirects, webviews and new windows', () => {
    const contents = Object.assign(new EventEmitter(), {
      opener: null as unknown,
      setWindowOpenHandler: (h: unknown) => (contents.opener = h)
    })
    electron.app.emit('web-contents-created', {}, contents)
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false
      contents.emit(event, { preventDefault: () => (prevented = true) })
      expect(prevented, event).toBe(true)
    }
    expect((contents.opener as () => unknown)()).toEqual({ action: 'deny' })
  })

  it('registers a handler per channel that answers only our window top frame', async () => {
    expect([...electron.ipcHandlers.keys()].sort()).toEqual(
      REQUEST_CHANNELS.map((c) => IPC_PREFIX + c).sort()
    )
    const contents = electron.windows[0]!.webContents as unknown as {
      id: number
      mainFrame: Record<string, unknown>
    }
    const handler = electron.ipcHandlers.get(IPC_PREFIX + 'settings.get')!
    const ours = { sender: { id: contents.id }, senderFrame: { ...contents.mainFrame } }
    expect(await handler(ours, {})).toEqual({
      ok: true,
      value: { channel: 'settings.get', clientId: `wc:${contents.id}` }
    })
    const subframe = {
      sender: { id: contents.id },
      senderFrame: { ...contents.mainFrame, routingId: 2, parent: {} }
    }
    expect(await handler(subframe, {})).toMatchObject({ ok: false })
    expect(
      await handler({ sender: { id: 99 }, senderFrame: contents.mainFrame }, {})
    ).toMatchObject({ ok: false })
  })

  it('releases the window client when it reloads and when it closes', async () => {
    const contents = electron.windows[0]!.webContents
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false })
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false })
    contents.emit('destroyed')
    await waitFor(() => core.released.length === 2, 'two releases')
    expect(core.released).toEqual([
      { clientId: 'wc:1', reason: 'the window reloaded or navigated away' },
      { clientId: 'wc:1', reason: 'the window was closed' }
    ])
  })

  const RECORDING_ANSWERS = [
    'Stay',
    'Stop and keep the recording',
    'Keep recording in the background'
  ]
  /** The next question main asks is answered with this button. */
  function answer(index: number): void {
    electron.messageBox.asked.length = 0
    electron.messageBox.answer = index
  }

  it('quitting while the window records asks first; Stay keeps the app, the window and the recording', () => {
    const { window } = electron.windows[0]!
    core.recording.set('wc:1', [7])
    answer(0)
    expect(electron.app.quit()).toBe(true)
    expect(electron.messageBox.asked).toEqual([
      expect.objectContaining({
        detail: expect.stringMatching(/^Quitting ends the recording/) as string,
        buttons: RECORDING_ANSWERS
      })
    ])
    expect(window.visible).toBe(true)
    expect(core.shutdowns).toEqual([])
    expect(core.recording.get('wc:1')).toEqual([7])
  })

  it('quitting: "Keep recording in the background" hides the window unthrottled; opening the app again shows it', () => {
    const { window, webContents } = electron.windows[0]!
    const contents = webContents as unknown as { throttled: boolean[] }
    answer(2)
    expect(electron.app.quit()).toBe(true)
    expect([window.visible, contents.throttled]).toEqual([false, [false]])
    expect([core.shutdowns, electron.app.exits, core.recording.get('wc:1')]).toEqual([[], [], [7]])
    electron.app.emit('second-instance')
    expect([window.visible, contents.throttled]).toEqual([true, [false, true]])
  })

  it('closing while the window records asks first; Stay and background keep its page recording', () => {
    const { window } = electron.windows[0]!
    answer(0)
    window.close()
    expect(electron.messageBox.asked.map((q) => q.detail)).toEqual([
      expect.stringMatching(/^Closing the window ends the recording/)
    ])
    expect([window.closed, window.visible]).toEqual([false, true])
    answer(2)
    window.close()
    expect([window.closed, window.visible]).toEqual([false, false])
    electron.app.emit('second-instance')
    expect(window.visible).toBe(true)
    expect(core.recording.get('wc:1')).toEqual([7])
  })

  it('closing: "Stop and keep the recording" has the page stop it (its held audio in first), then closes, asking once', async () => {
    const { window, webContents } = electron.windows[0]!
    answer(1)
    window.close()
    // Not at once: the page is asked to stop, and sends the audio it held while main was asking.
    expect([window.closed, core.askedToEnd, core.ended]).toEqual([false, ['wc:1'], []])
    core.pageStopped()
    await waitFor(() => window.closed, 'the window to close')
    expect(core.ended).toEqual([7])
    // The page's own beforeunload does not bring a second question: it unloads.
    let unloads = false
    webContents.emit('will-prevent-unload', { preventDefault: () => (unloads = true) })
    expect(unloads).toBe(true)
    expect(electron.messageBox.asked).toHaveLength(1)
  })

  it('quitting: "Stop and keep" ends the recording, waits for the stopped ones to be transcribed, shuts down, exits', async () => {
    core.recording.set('wc:1', [8])
    answer(1)
    expect(electron.app.quit()).toBe(true)
    expect(electron.messageBox.asked).toHaveLength(1)
    await waitFor(() => core.askedToEnd.length === 2, 'the page to be asked to stop')
    core.pageStopped()
    await waitFor(() => core.waitedFor.length === 1, 'quit to wait for the recordings')
    expect([core.ended, core.waitedFor, core.shutdowns]).toEqual([[7, 8], [[7, 8]], []])
    core.finishJobs()
    await waitFor(() => core.shutdowns.length === 1, 'shutdown')
    expect(core.shutdowns).toEqual(['the app quit'])
    expect(electron.app.exits).toEqual([])
    core.finishShutdown()
    await waitFor(() => electron.app.exits.length === 1, 'app.exit')
    expect(electron.app.exits).toEqual([0])
  })
})
