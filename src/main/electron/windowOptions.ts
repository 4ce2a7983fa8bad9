// The one BrowserWindow configuration the app uses. Pure (no electron import at run time), so a
// unit test reads exactly these options and asserts the security baseline.
import type { BrowserWindowConstructorOptions } from 'electron'
import { join } from 'node:path'

/** out/preload/index.js next to out/main/index.js (CommonJS, so it loads in a sandboxed renderer). */
export function preloadPath(mainDir: string): string {
  return join(mainDir, '../preload/index.js')
}

/** out/renderer/index.html next to out/main/index.js. */
export function rendererIndexPath(mainDir: string): string {
  return join(mainDir, '../renderer/index.html')
}

export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 840,
    minWidth: 800,
    minHeight: 560,
    title: 'Transcriptor',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false
    }
  }
}
