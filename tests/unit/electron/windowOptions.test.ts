// The security baseline of the one BrowserWindow the app creates (the same function app.ts
// passes to `new BrowserWindow`; tests/unit/electron/appWiring.test.ts checks that it does).
import { describe, expect, it } from 'vitest'
import { mainWindowOptions, preloadPath } from '../../../src/main/electron/windowOptions'

describe('main window options', () => {
  const options = mainWindowOptions(preloadPath('/app/out/main'))
  const web = options.webPreferences ?? {}

  it('isolates and sandboxes the renderer', () => {
    expect(web.contextIsolation).toBe(true)
    expect(web.sandbox).toBe(true)
    expect(web.nodeIntegration).toBe(false)
    expect(web.nodeIntegrationInWorker).toBe(false)
    expect(web.nodeIntegrationInSubFrames).toBe(false)
  })

  it('keeps web security on and dangerous features off', () => {
    expect(web.webSecurity).toBe(true)
    expect(web.allowRunningInsecureContent).toBe(false)
    expect(web.experimentalFeatures).toBe(false)
    expect(web.webviewTag).toBe(false)
    expect(web.navigateOnDragDrop).toBe(false)
    expect(web).not.toHaveProperty('enableBlinkFeatures')
    expect(web).not.toHaveProperty('additionalArguments')
  })

  it('loads the built CommonJS preload next to main', () => {
    expect(web.preload).toBe('/app/out/preload/index.js')
  })
})
