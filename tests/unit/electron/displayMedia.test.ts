// What the computer plays in the app: a screen share asked by our own page gets the whole screen
// and the system's loopback sound on Windows and macOS; another page, a subframe, or a request
// without sound is refused; on Linux no handler is set (the sound server's monitors are inputs).
// Electron's session and desktopCapturer are substituted: their answers are what is observed.
import { describe, expect, it } from 'vitest'
import type { DesktopCapturer, Session } from 'electron'
import { answerDisplayMediaWithLoopback } from '../../../src/main/electron/displayMedia'
import { isOurScreenShare } from '../../../src/main/electron/security'

type Handler = (request: Record<string, unknown>, callback: (streams: unknown) => void) => void

const APP = 'file:///app/out/renderer/index.html'
const SCREEN = { id: 'screen:0:0', name: 'Entire screen' }

function wired(
  platform: NodeJS.Platform
): ((request: Record<string, unknown>) => Promise<unknown>) | null {
  let handler: Handler | null = null
  const session = { setDisplayMediaRequestHandler: (h: Handler) => (handler = h) }
  const capturer = { getSources: () => Promise.resolve([SCREEN]) }
  answerDisplayMediaWithLoopback(
    session as unknown as Session,
    capturer as unknown as Pick<DesktopCapturer, 'getSources'>,
    (url) => url === APP,
    platform
  )
  const set = handler as Handler | null
  if (!set) return null
  return (request) => new Promise((done) => set(request, done))
}

describe('answerDisplayMediaWithLoopback', () => {
  it('answers our page with the screen and the loopback sound on Windows and macOS', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const ask = wired(platform)
      const frame = { url: APP, parent: null }
      expect(await ask!({ frame, audioRequested: true, videoRequested: true })).toEqual({
        video: SCREEN,
        audio: 'loopback'
      })
    }
  })

  it('refuses other pages, subframes and requests without sound', async () => {
    const ask = wired('win32')!
    const request = { audioRequested: true, videoRequested: true }
    expect(
      await ask({ ...request, frame: { url: 'https://evil.example/', parent: null } })
    ).toEqual({})
    expect(await ask({ ...request, frame: { url: APP, parent: { url: APP } } })).toEqual({})
    expect(await ask({ ...request, frame: null })).toEqual({})
    expect(
      await ask({ ...request, audioRequested: false, frame: { url: APP, parent: null } })
    ).toEqual({})
  })

  it('sets no handler on Linux, where the monitors of outputs are inputs', () => {
    expect(wired('linux')).toBeNull()
  })
})

describe('isOurScreenShare (the permission asked before the handler answers)', () => {
  const entry = { kind: 'file', indexPath: '/app/out/renderer/index.html' } as const
  const page = { requestingUrl: APP, isMainFrame: true, mediaTypes: [] }
  it('grants our top frame a screen share where it is answered with sound, nothing else', () => {
    expect(isOurScreenShare('media', page, entry, 'win32')).toBe(true)
    expect(isOurScreenShare('media', page, entry, 'darwin')).toBe(true)
    expect(isOurScreenShare('media', page, entry, 'linux')).toBe(false)
    expect(isOurScreenShare('media', { ...page, mediaTypes: ['video'] }, entry, 'win32')).toBe(
      false
    )
    expect(isOurScreenShare('media', { ...page, isMainFrame: false }, entry, 'win32')).toBe(false)
    const other = { ...page, requestingUrl: 'https://evil.example/' }
    expect(isOurScreenShare('media', other, entry, 'win32')).toBe(false)
    expect(isOurScreenShare('display-capture', page, entry, 'win32')).toBe(false)
  })
})
