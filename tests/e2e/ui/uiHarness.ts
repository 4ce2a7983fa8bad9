// What every UI e2e test needs: the built browser host on a temp data dir, Debian Chromium on its
// page, real audio fixtures, screenshots for review, and a way to read the host's live JS heap.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Download, Page } from 'playwright-core'
import type { Settings } from '@shared/domain'
import WebSocket from 'ws'
import {
  connectClient,
  startHost,
  waitFor,
  type HostClient,
  type RunningHost
} from '../../support/host'
import { launchChromium } from '../../support/chromium'
import { LIBRIVOX_DIR } from '../../support/speech'

export const CLIP_LEISURE = join(LIBRIVOX_DIR, 'sense_and_sensibility_01_austen_64kb-0870.wav')
export const CLIP_MARRIED = join(LIBRIVOX_DIR, 'sense_and_sensibility_01_austen_64kb-0920.wav')
const CLIP_SHORT_SOURCE = join(LIBRIVOX_DIR, 'sense_and_sensibility_01_austen_64kb-0880.wav')
export const SCREENSHOT_DIR = resolve(__dirname, '../../../test-results/ui')

export interface UiSession {
  host: RunningHost
  /** A second connection to the host (not the page's), to read state the way a test must. */
  client: HostClient
  browser: Browser
  page: Page
  /** Temp dir for fixtures this test made (removed by close). */
  scratch: string
  close(): Promise<void>
}

export interface OpenUiOptions {
  dataDir?: string
  env?: Record<string, string>
  chromiumArgs?: string[]
  /** Saved before the page first loads, so the page starts with them. */
  settings?: Partial<Settings>
}

export async function openUi(options: OpenUiOptions = {}): Promise<UiSession> {
  const { host, browser, page } = await startHostAndBrowser(options)
  const scratch = mkdtempSync(join(tmpdir(), 'transcriptor-ui-'))
  try {
    const client = await connectClient(host)
    if (options.settings) {
      const saved = await client.call('settings.get', {})
      await client.call('settings.set', { settings: { ...saved, ...options.settings } })
    }
    // An uncaught error in the page fails the test at close, even if the screen looked right.
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(host.url)
    await page.getByTestId('drop-zone').waitFor()
    return {
      host,
      client,
      browser,
      page,
      scratch,
      async close() {
        await browser.close().catch(() => undefined)
        await client.close().catch(() => undefined)
        await host.stop()
        rmSync(scratch, { recursive: true, force: true })
        if (pageErrors.length > 0)
          throw new Error(`uncaught errors in the page: ${pageErrors.join(' | ')}`)
      }
    }
  } catch (error) {
    await browser.close().catch(() => undefined)
    await host.stop()
    rmSync(scratch, { recursive: true, force: true })
    throw error
  }
}

/**
 * The host, and Chromium with a blank page, started side by side: each takes seconds on a loaded
 * machine. If one fails, the other is closed.
 */
async function startHostAndBrowser(
  options: OpenUiOptions
): Promise<{ host: RunningHost; browser: Browser; page: Page }> {
  const [hostStart, browserStart] = await Promise.allSettled([
    // The inspector port is only used if the heap test activates it (SIGUSR1); 0 = any free port.
    startHost({
      env: { NODE_OPTIONS: '--inspect-port=127.0.0.1:0', ...options.env },
      ...(options.dataDir && { dataDir: options.dataDir })
    }),
    launchWithPage(options.chromiumArgs ?? [])
  ])
  if (hostStart.status === 'rejected') {
    if (browserStart.status === 'fulfilled')
      await browserStart.value.browser.close().catch(() => undefined)
    throw hostStart.reason
  }
  if (browserStart.status === 'rejected') {
    await hostStart.value.stop()
    throw browserStart.reason
  }
  return { host: hostStart.value, ...browserStart.value }
}

async function launchWithPage(extraArgs: string[]): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium(extraArgs)
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.setDefaultTimeout(30_000)
    return { browser, page }
  } catch (error) {
    await browser.close().catch(() => undefined)
    throw error
  }
}

/**
 * The bytes a download delivered. The shared browser is connected remotely, where Playwright
 * keeps no local path for a download (`download.path()` throws): it is saved to a temp file.
 */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'transcriptor-download-'))
  try {
    const file = join(dir, download.suggestedFilename())
    await download.saveAs(file)
    return readFileSync(file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A long recording (a clip looped) so a job is certainly still running while a test looks at it. */
export function makeLongAudio(dir: string, loops = 80): string {
  const out = join(dir, 'long-reading.wav')
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-stream_loop',
    String(loops),
    '-i',
    CLIP_LEISURE,
    '-c',
    'copy',
    out
  ])
  return out
}

/**
 * The first second of a LibriVox clip ("he was not"), saved as `<dir>/<name>`: real speech that
 * pocketsphinx turns into words in about half the time of a whole clip, for tests where a job
 * only has to run its course (its words are not what they check).
 */
export function makeShortSpeech(dir: string, name: string, fromSecond = 0): string {
  const out = join(dir, name)
  execFileSync('sox', [CLIP_SHORT_SOURCE, out, 'trim', String(fromSecond), '1.0'])
  return out
}

/** A file named .wav that is not audio: the pipeline must fail it with a reason. */
export function makeBrokenWav(dir: string): string {
  const out = join(dir, 'broken-recording.wav')
  writeFileSync(
    out,
    Buffer.from('this is not a RIFF file, just text pretending to be audio\n'.repeat(200))
  )
  return out
}

export async function pickFiles(page: Page, paths: string[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(paths)
}

const DROP_IN_PAGE = `(items) => {
  const dt = new DataTransfer()
  for (const item of items) {
    const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0))
    dt.items.add(new File([bytes], item.name, { type: item.type }))
  }
  const zone = document.querySelector('[data-testid="drop-zone"]')
  if (!zone) throw new Error('no drop zone on the page')
  for (const type of ['dragenter', 'dragover', 'drop']) {
    zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }))
  }
}`

/** A real drop event on the drop zone, with Files built in the page from the given bytes. */
export async function dropFiles(
  page: Page,
  files: { path: string; type?: string }[]
): Promise<void> {
  const payload = files.map((f) => ({
    name: f.path.split('/').pop() ?? 'file',
    type: f.type ?? '',
    base64: readFileSync(f.path).toString('base64')
  }))
  // Runs in the page (DOM types are not part of this Node-side program, hence the source string).
  await page.evaluate(`(${DROP_IN_PAGE})(${JSON.stringify(payload)})`)
}

/**
 * An OS-style drag and drop of real paths (files or folders) through Chromium's input pipeline
 * (CDP Input.dispatchDragEvent), as when a user drags from the file manager.
 */
export async function dragPathsOntoDropZone(page: Page, paths: string[]): Promise<void> {
  const box = await page.getByTestId('drop-zone').boundingBox()
  if (!box) throw new Error('the drop zone is not visible')
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  const cdp = await page.context().newCDPSession(page)
  const data = { items: [], files: paths, dragOperationsMask: 1 }
  try {
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
      await cdp.send('Input.dispatchDragEvent', { type, x, y, data })
    }
  } finally {
    await cdp.detach()
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

/** The id of the newest queue row whose name contains `filename` (rows are `queue-row-<id>`). */
export async function queuedJobId(page: Page, filename: string): Promise<number> {
  const row = page.locator('[data-testid^="queue-row-"]', { hasText: filename }).first()
  // An upload and a jobs.create: well under a second, but once over 30 s with the e2e files and
  // two busy loops sharing 2 cores (load 6); a missing row still fails, a minute later.
  await row.waitFor({ timeout: 60_000 })
  const testId = await row.getAttribute('data-testid')
  return Number(testId?.replace('queue-row-', ''))
}

/** Drops a long reading (see makeLongAudio) and opens its Job page; returns the job's id. */
export async function openLongJob(ui: UiSession, loops?: number): Promise<number> {
  await pickFiles(ui.page, [makeLongAudio(ui.scratch, loops)])
  const id = await queuedJobId(ui.page, 'long-reading')
  await ui.page.locator(`[data-testid="queue-row-${id}"] a`).click()
  return id
}

export async function waitForQueueStatus(
  page: Page,
  id: number,
  status: string,
  timeoutMs = 150_000
): Promise<void> {
  await page
    .locator(`[data-testid="queue-row-${id}"][data-status="${status}"]`)
    .waitFor({ timeout: timeoutMs })
}

function procStat(pid: number): { state: string; start: string; command: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command (field 2) may contain spaces; the fields after it start after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    return { state: rest[0] ?? '?', start: rest[19] ?? '', command }
  } catch {
    return null
  }
}

/** The OS start time of a PID (Linux /proc), or null if no such process: with the PID, its identity. */
export function processStartTime(pid: number): string | null {
  return procStat(pid)?.start ?? null
}

/**
 * Processes (pid + start time) that still run, described for the failure message. PIDs get reused
 * on a busy machine, identities do not; a zombie (exited, not yet reaped by its parent) is not running.
 */
export function survivors(seen: { pid: number; start: string | null }[]): string[] {
  return seen.flatMap((p) => {
    const now = procStat(p.pid)
    if (p.start === null || !now || now.start !== p.start || now.state === 'Z') return []
    return [`${p.pid} (${now.command}, state ${now.state})`]
  })
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * The host's live JS heap after a full GC, read through the V8 inspector: SIGUSR1 opens it
 * (on the port chosen by --inspect-port), so the host needs no debug endpoint of its own.
 */
export async function hostHeapBytes(host: RunningHost): Promise<number> {
  const before = host.output()
  const listening = /Debugger listening on (ws:\/\/\S+)/g
  let url = [...before.matchAll(listening)].pop()?.[1]
  if (!url) {
    host.process.kill('SIGUSR1')
    url = await waitFor(
      () => [...host.output().matchAll(listening)].pop()?.[1],
      'the host inspector to open',
      10_000
    )
  }
  const ws = new WebSocket(url)
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok())
    ws.once('error', fail)
  })
  let nextId = 1
  const send = (method: string): Promise<Record<string, unknown>> =>
    new Promise((answered, failed) => {
      const id = nextId++
      const onMessage = (data: WebSocket.RawData): void => {
        const msg = JSON.parse(data.toString()) as {
          id?: number
          result?: Record<string, unknown>
          error?: unknown
        }
        if (msg.id !== id) return
        ws.off('message', onMessage)
        if (msg.error) failed(new Error(`${method}: ${JSON.stringify(msg.error)}`))
        else answered(msg.result ?? {})
      }
      ws.on('message', onMessage)
      ws.send(JSON.stringify({ id, method }))
    })
  try {
    await send('HeapProfiler.collectGarbage')
    await send('HeapProfiler.collectGarbage')
    const usage = await send('Runtime.getHeapUsage')
    return Number(usage.usedSize)
  } finally {
    ws.close()
  }
}
