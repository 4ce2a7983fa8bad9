// The Electron main process wired up with the `electron` module (and the core service)
// substituted: the window really gets the hardened options, sessions deny permissions and remote
// requests, every webContents refuses navigation and new windows, IPC answers only our top frame,
// closing the window releases its jobs, and quit is held until shutdown finishes.
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
  }[] = []
  class BrowserWindow extends Emitter {
    webContents: Contents
    constructor(options: unknown) {
      super()
      const contents = Object.assign(new Emitter(), {
        id: windows.length + 1,
        mainFrame: { routingId: 1, processId: 100, url: 'about:blank', parent: null },
        sent: [] as unknown[],
        isDestroyed: () => false,
        send: (channel: string, payload: unknown) => contents.sent.push([channel, payload]),
        setWindowOpenHandler: () => undefined
      })
      this.webContents = contents
      windows.push({ options, webContents: contents })
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
    show() {}
    focus() {}
    isMinimized() {
      return false
    }
  }
  const ipcHandlers = new Map<string, (...args: unknown[]) => Promise<unknown>>()
  const protocols = new Set<string>()
  const sessionHooks: Record<string, (...args: unknown[]) => unknown> = {}
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
      dialog: { showErrorBox: () => undefined, showMessageBoxSync: () => 0 },
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
    protocols
  }
})

vi.mock('electron', async () => (await hoisted).module)
const electron = await hoisted

const core = vi.hoisted(() => ({
  released: [] as { clientId: string; reason: string }[],
  shutdowns: [] as string[],
  finishShutdown: (): void => undefined,
  options: null as unknown
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

  it('denies permissions but sound to its own page, remote requests, and sets the CSP header', () => {
    const granted: boolean[] = []
    electron.sessionHooks.permissionRequest!({}, 'media', (ok: boolean) => granted.push(ok))
    expect(granted).toEqual([false])
    expect(electron.sessionHooks.permissionCheck!({}, 'notifications')).toBe(false)
    const ask = (permission: string, details: Record<string, unknown>): unknown => {
      let answer: unknown
      electron.sessionHooks.permissionRequest!(
        {},
        permission,
        (ok: boolean) => (answer = ok),
        details
      )
      return answer
    }
    const page = { requestingUrl: 'file:///app/out/renderer/index.html', isMainFrame: true }
    // The microphone, and a screen share (what the computer plays; Electron lists no media type).
    expect(ask('media', { ...page, mediaTypes: ['audio'] })).toBe(true)
    expect(ask('media', { ...page, mediaTypes: [] })).toBe(true)
    expect(ask('media', { ...page, mediaTypes: ['audio', 'video'] })).toBe(false)
    expect(ask('media', { ...page, isMainFrame: false, mediaTypes: ['audio'] })).toBe(false)
    const elsewhere = { requestingUrl: 'https://evil.example/', isMainFrame: true }
    expect(ask('media', { ...elsewhere, mediaTypes: ['audio'] })).toBe(false)
    expect(ask('notifications', page)).toBe(false)
    expect(
      electron.sessionHooks.permissionCheck!({}, 'media', 'file://', {
        ...page,
        mediaType: 'audio'
      })
    ).toBe(true)
    expect(
      electron.sessionHooks.permissionCheck!({}, 'media', 'file://', {
        ...page,
        mediaType: 'video'
      })
    ).toBe(false)
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

  it('holds quit until shutdown finishes, then exits', async () => {
    expect(electron.app.quit()).toBe(true)
    expect(core.shutdowns).toEqual(['the app quit'])
    expect(electron.app.exits).toEqual([])
    core.finishShutdown()
    await waitFor(() => electron.app.exits.length === 1, 'app.exit')
    expect(electron.app.exits).toEqual([0])
  })
})
