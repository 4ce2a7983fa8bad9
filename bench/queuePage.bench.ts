// The queue page with 10,000 queued jobs against the same page with an empty queue (the baseline
// the target is stated beside), each in its own browser host and data dir, in the same run, in
// Debian's Chromium. Measured: the app opened cold until the queue shows its first screen (the
// count and the newest named row, or "No jobs yet"); switching to Transcribe from History until
// the same; rows in the DOM; the page's live JS heap and the host's RSS once open; what the page
// received over its socket while opening, and for reference what the load before (every queued
// row, jobs.list) would have sent. Targets: the queue shown ≤ 300 ms after a switch to it, and a
// cold open ≤ 300 ms longer than the empty queue's (which is the app's own start); host RSS
// ≤ 50 MB above the empty one.
import { openStore } from '../src/main/core/openDataDir'
import { makeTempDir, removeDir } from '../tests/support/db'
import { connectClient, launchChromium, startHost, type RunningHost } from '../tests/support/host'
import { seedQueue } from '../tests/support/queueSeed'
import { treeRssKb } from './support/treeRss'
import type { BenchResult } from './types'
import type { Browser, Page } from 'playwright-core'
import { cpus, loadavg } from 'node:os'

const JOBS = 10_000
const ROUNDS = 5
const OPEN_TARGET_MS = 300
const RSS_GROWTH_TARGET_MB = 50

const p50 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const r1 = (n: number): number => Math.round(n * 10) / 10

/**
 * Runs in the page before the app: records (ms since navigation) when the queue first shows its
 * loaded state, and again after each click, until the next reload.
 */
const WATCH_QUEUE = `(() => {
  const shown = () =>
    document.querySelector('.queue-row a.queue-name') ||
    /No jobs yet/.test(document.querySelector('[data-testid="queue-empty"]')?.textContent ?? '')
  window.__queue = { shownAt: undefined, clickAt: undefined }
  document.addEventListener('click', () => {
    window.__queue.clickAt = performance.now()
    window.__queue.shownAt = undefined
  }, { capture: true })
  new MutationObserver(() => {
    if (window.__queue.shownAt === undefined && shown()) window.__queue.shownAt = performance.now()
  }).observe(document, { childList: true, subtree: true, characterData: true })
})()`

interface Opened {
  openMs: number
  switchMs: number
  rows: number
  pageHeapMb: number
  hostRssMb: number
  openBytes: number
}

interface QueueTimes {
  shownAt?: number
  clickAt?: number
}

/** The times WATCH_QUEUE recorded, once the queue has shown (a function: the page's CSP refuses eval). */
async function shownAt(page: Page): Promise<{ shownAt: number; clickAt?: number }> {
  const handle = await page.waitForFunction(() => {
    const times = (globalThis as { __queue?: QueueTimes }).__queue
    return times?.shownAt !== undefined ? { ...times } : false
  })
  return (await handle.jsonValue()) as { shownAt: number; clickAt?: number }
}

async function pageHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('HeapProfiler.collectGarbage')
    const usage = await cdp.send('Runtime.getHeapUsage')
    return usage.usedSize / 1048576
  } finally {
    await cdp.detach()
  }
}

/** Opens the app ROUNDS times cold and switches to Transcribe ROUNDS times; one host. */
async function measureHost(browser: Browser, host: RunningHost): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.addInitScript(WATCH_QUEUE)
  let openBytes = 0
  page.on('websocket', (socket) =>
    socket.on('framereceived', (frame) => (openBytes += frame.payload.length))
  )
  const opens: number[] = []
  const switches: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    openBytes = 0
    await page.goto(host.url)
    opens.push((await shownAt(page)).shownAt)
  }
  const bytes = openBytes
  for (let i = 0; i < ROUNDS; i++) {
    await page.getByTestId('nav-history').click()
    await page.locator('.history-page').waitFor()
    await page.getByTestId('nav-transcribe').click()
    const t = await shownAt(page)
    switches.push(t.shownAt - (t.clickAt ?? t.shownAt))
  }
  const rows = await page.locator('[data-testid^="queue-row-"]').count()
  const heap = await pageHeapMb(page)
  await page.close()
  return {
    openMs: p50(opens),
    switchMs: p50(switches),
    rows,
    pageHeapMb: heap,
    hostRssMb: treeRssKb(host.process.pid ?? 0) / 1024,
    openBytes: bytes
  }
}

/** JSON sizes of the queue's load now (jobs.queue) and before (every queued row, jobs.list). */
async function loadSizes(host: RunningHost): Promise<{ now: number; before: number }> {
  const client = await connectClient(host)
  try {
    const now = JSON.stringify(await client.call('jobs.queue', { rows: 60 })).length
    const before = JSON.stringify(await client.call('jobs.list', { status: 'queued' })).length
    return { now, before }
  } finally {
    await client.close()
  }
}

function results(
  full: Opened,
  empty: Opened,
  sizes: { now: number; before: number }
): BenchResult[] {
  const base = `baseline: the same page with an empty queue, same run`
  const load = `load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`
  return [
    {
      name: `open the app, queue shown (${JOBS.toLocaleString()} queued) p50`,
      value: r1(full.openMs),
      unit: 'ms',
      baseline: r1(empty.openMs),
      ratio: r1(empty.openMs / full.openMs),
      // The app's own start (bundle, first render) is the baseline's time: the queue adds the rest.
      target: `≤ baseline + ${OPEN_TARGET_MS} ms`,
      pass: full.openMs - empty.openMs <= OPEN_TARGET_MS,
      notes: `${base}; from navigation start; the queue's own share ${r1(full.openMs - empty.openMs)} ms; ${load}`
    },
    {
      name: 'History → Transcribe, queue shown p50',
      value: r1(full.switchMs),
      unit: 'ms',
      baseline: r1(empty.switchMs),
      ratio: r1(empty.switchMs / full.switchMs),
      target: `≤ ${OPEN_TARGET_MS} ms`,
      pass: full.switchMs <= OPEN_TARGET_MS,
      notes: `${base}; from the click; ${load}`
    },
    {
      name: 'queue rows in the DOM',
      value: full.rows,
      unit: 'rows',
      baseline: JOBS,
      ratio: r1(JOBS / Math.max(1, full.rows)),
      target: '≤ 50 (one screenful)',
      pass: full.rows <= 50,
      notes: 'baseline: one row per queued job, as the page rendered before'
    },
    {
      name: 'host RSS once the page is open',
      value: r1(full.hostRssMb),
      unit: 'MB',
      baseline: r1(empty.hostRssMb),
      target: `≤ ${RSS_GROWTH_TARGET_MB} MB above the empty queue's`,
      pass: full.hostRssMb - empty.hostRssMb <= RSS_GROWTH_TARGET_MB,
      notes: `${base}; growth ${r1(full.hostRssMb - empty.hostRssMb)} MB`
    },
    {
      name: 'page JS heap once open (after GC)',
      value: r1(full.pageHeapMb),
      unit: 'MB',
      baseline: r1(empty.pageHeapMb),
      notes: base
    },
    {
      name: 'bytes the page received while opening',
      value: full.openBytes,
      unit: 'B',
      baseline: empty.openBytes,
      notes: `${base}; the queue's load itself: ${sizes.now} B now, ${sizes.before} B before (every queued row, jobs.list), ${r1(sizes.before / sizes.now)}× less`
    }
  ]
}

export async function run(): Promise<BenchResult[]> {
  const fullDir = makeTempDir('transcriptor-bench-queue-')
  const emptyDir = makeTempDir('transcriptor-bench-empty-')
  const store = openStore(fullDir)
  // Owned by this live process: the hosts leave them queued (neither run nor reap them).
  seedQueue(store.db, JOBS)
  store.close()
  const browser = await launchChromium()
  const hosts: RunningHost[] = []
  try {
    const empty = await startHost({ dataDir: emptyDir })
    hosts.push(empty)
    const full = await startHost({ dataDir: fullDir })
    hosts.push(full)
    const emptyRun = await measureHost(browser, empty)
    const fullRun = await measureHost(browser, full)
    return results(fullRun, emptyRun, await loadSizes(full))
  } finally {
    await browser.close().catch(() => undefined)
    for (const host of hosts) await host.stop()
    removeDir(fullDir)
    removeDir(emptyDir)
  }
}
