// Debian's Chromium for the e2e tests. One browser serves every e2e file (chromiumServer.ts starts
// it once per run) and each file opens its own context in it: a launch costs about 1.7 CPU-s, and
// the e2e files launched about 30. A context is a fresh profile (storage, cookies), so no file
// sees another's state. A test that needs its own command-line flags (a fake microphone file)
// still launches a browser of its own, as does any caller outside vitest (the bench).
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Headless, quiet and offline. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run'
]

/** The shared browser's endpoint, where this runs inside an e2e file of a vitest run. */
async function sharedEndpoint(): Promise<string | undefined> {
  if (!process.env.VITEST) return undefined
  const { inject } = await import('vitest')
  return inject('chromiumEndpoint')
}

/**
 * A browser: the shared one (closing it closes this caller's contexts and leaves the browser to
 * the next file), or a new one when `extraArgs` are given or none is shared.
 */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const endpoint = extraArgs.length === 0 ? await sharedEndpoint() : undefined
  if (endpoint) return chromium.connect(endpoint)
  return launchOwnChromium(extraArgs)
}

/**
 * A browser of the caller's own: for a file whose pages are heavy (a 10,000-line transcript
 * keeps the browser busy after its page closes) or whose timing budgets must not wait on what an
 * earlier file left running in the shared browser (a page gone → its jobs stopped within 2 s).
 */
export function launchOwnChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] })
}
