// Main's own detection of a page going away, driven through the same events Electron emits, and
// the quit guard that holds the app open until every job is stopped.
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { appEntry, isAppUrl } from '../../../src/main/electron/appOrigin'
import {
  RELEASE_REASONS,
  watchClientLifecycle,
  type WatchedWebContents
} from '../../../src/main/electron/clientLifecycle'
import { installQuitGuard, type QuittableApp } from '../../../src/main/electron/quitGuard'
import { isTrustedSender } from '../../../src/main/electron/trustedSender'
import { waitFor } from '../../support/host'

function fakeContents(): EventEmitter & WatchedWebContents {
  return Object.assign(new EventEmitter(), { id: 9 }) as unknown as EventEmitter &
    WatchedWebContents
}

describe('client lifecycle', () => {
  it('releases on reload/navigation but not on the first load or in-page routing', () => {
    const contents = fakeContents()
    const reasons: string[] = []
    watchClientLifecycle(contents, (reason) => reasons.push(reason))
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false })
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true })
    contents.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false })
    expect(reasons).toEqual([])
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false })
    expect(reasons).toEqual([RELEASE_REASONS.navigated])
  })

  it('releases on crash and on close, with the reason', () => {
    const contents = fakeContents()
    const reasons: string[] = []
    watchClientLifecycle(contents, (reason) => reasons.push(reason))
    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 })
    contents.emit('destroyed')
    expect(reasons).toEqual(["the window's renderer crashed (oom)", 'the window was closed'])
  })

  it('releases a renderer that stays unresponsive past the timeout, not one that recovers', async () => {
    const contents = fakeContents()
    const reasons: string[] = []
    watchClientLifecycle(contents, (reason) => reasons.push(reason), 200)
    contents.emit('unresponsive')
    contents.emit('responsive')
    contents.emit('unresponsive')
    await waitFor(() => reasons.length > 0, 'the hang release', 5_000)
    expect(reasons).toEqual([RELEASE_REASONS.hung(200)])
  })
})

describe('quit guard', () => {
  function fakeApp(): QuittableApp & { quit(): boolean; exits: number[] } {
    const emitter = new EventEmitter()
    const exits: number[] = []
    return {
      exits,
      on: (event, listener) => emitter.on(event, listener),
      exit: (code = 0) => void exits.push(code),
      quit() {
        let prevented = false
        emitter.emit('before-quit', { preventDefault: () => (prevented = true) })
        return prevented
      }
    }
  }

  it('holds the quit until stopping finishes, then exits once', async () => {
    const app = fakeApp()
    let finish = (): void => undefined
    let stops = 0
    installQuitGuard(
      app,
      () => {
        stops++
        return new Promise<void>((done) => (finish = done))
      },
      10_000
    )
    expect(app.quit()).toBe(true)
    expect(app.quit()).toBe(true)
    expect(stops).toBe(1)
    expect(app.exits).toEqual([])
    finish()
    await waitFor(() => app.exits.length === 1, 'exit')
    expect(app.quit()).toBe(false)
  })

  it('stays running while the user chooses to stay, and quits once they no longer do', async () => {
    const app = fakeApp()
    let stays = true
    let stops = 0
    installQuitGuard(
      app,
      async () => void stops++,
      () => 10_000,
      () => undefined,
      () => !stays
    )
    expect(app.quit()).toBe(true)
    expect(app.quit()).toBe(true)
    expect(stops).toBe(0)
    stays = false
    expect(app.quit()).toBe(true)
    await waitFor(() => app.exits.length === 1, 'exit')
    expect(stops).toBe(1)
  })

  it('exits after the hard timeout even if stopping hangs or fails', async () => {
    const hung = fakeApp()
    installQuitGuard(
      hung,
      () => new Promise<void>(() => undefined),
      100,
      () => undefined
    )
    hung.quit()
    await waitFor(() => hung.exits.length === 1, 'exit after timeout', 5_000)
    const failing = fakeApp()
    installQuitGuard(
      failing,
      () => Promise.reject(new Error('boom')),
      10_000,
      () => undefined
    )
    failing.quit()
    await waitFor(() => failing.exits.length === 1, 'exit after failure', 5_000)
  })
})

describe('trusted sender', () => {
  const entry = appEntry('/app/out/renderer/index.html', undefined)
  const appUrl = 'file:///app/out/renderer/index.html'
  const window = {
    id: 3,
    isDestroyed: () => false,
    mainFrame: { routingId: 1, processId: 7, url: appUrl, parent: null }
  }

  it('accepts only the top frame of our window showing our app', () => {
    const top = {
      sender: { id: 3 },
      senderFrame: { routingId: 1, processId: 7, url: appUrl, parent: null }
    }
    expect(isTrustedSender(top, [window], entry)).toBe(true)
    expect(isTrustedSender({ ...top, sender: { id: 4 } }, [window], entry)).toBe(false)
    expect(isTrustedSender({ ...top, senderFrame: null }, [window], entry)).toBe(false)
    expect(
      isTrustedSender(
        { ...top, senderFrame: { ...top.senderFrame, routingId: 2, parent: {} } },
        [window],
        entry
      )
    ).toBe(false)
    expect(
      isTrustedSender(
        { ...top, senderFrame: { ...top.senderFrame, url: 'https://evil.example/' } },
        [window],
        entry
      )
    ).toBe(false)
    expect(isTrustedSender(top, [{ ...window, isDestroyed: () => true }], entry)).toBe(false)
  })

  it('knows the app URL in production and in dev', () => {
    expect(isAppUrl(appUrl + '#/jobs/1', entry)).toBe(true)
    expect(isAppUrl('file:///etc/passwd', entry)).toBe(false)
    const dev = appEntry('/x', 'http://localhost:5173/')
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
  })
})
