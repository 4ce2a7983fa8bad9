// Electron-level specs (tests/electron): Playwright `_electron.launch` on the BUILT app
// (out/main/index.js), each with its own data dir (which is also its userData, so instances never
// share a lock or a DB). They need Electron's binary, which cannot be downloaded everywhere: they
// run only with TRANSCRIPTOR_ELECTRON_TESTS=1 and an installed binary, and otherwise say why not.
//   TRANSCRIPTOR_ELECTRON_TESTS=1 npx vitest run --project electron
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { ROOT, type AppGlobal } from './host'

function electronBinary(): { path: string | null; why: string } {
  try {
    const path = createRequire(__filename)('electron') as unknown as string
    return existsSync(path)
      ? { path, why: '' }
      : { path: null, why: `the Electron binary is missing (${path})` }
  } catch (error) {
    return {
      path: null,
      why: `the Electron binary is not installed (${String(error).split('\n')[0]})`
    }
  }
}

const binary = electronBinary()
const wanted = process.env.TRANSCRIPTOR_ELECTRON_TESTS === '1'
/** Why the Electron specs do not run here ('' where they do); a spec file names it when skipped. */
export const notRunBecause = !wanted ? 'TRANSCRIPTOR_ELECTRON_TESTS=1 is not set' : binary.why
if (notRunBecause) console.warn(`[electron specs] NOT RUN: ${notRunBecause}`)

export async function launch(dataDir: string): Promise<{ app: ElectronApplication; window: Page }> {
  const app = await _electron.launch({
    executablePath: binary.path!,
    args: [join(ROOT, 'out/main/index.js'), '--data-dir', dataDir],
    env: { ...process.env, TRANSCRIPTOR_HOME: dataDir }
  })
  const window = await app.firstWindow()
  await window.waitForFunction(() => (globalThis as AppGlobal).transcriptor !== undefined)
  return { app, window }
}
