// The Job page of a running job: log lines stream in, the CPU sparkline moves, the process table
// lists real PIDs; Stop empties the table within 2 s, the status reads cancelled, the PIDs are gone.
// The log view follows its tail, pauses when scrolled up, filters, and keeps a 100,000-line log
// to a few dozen rows in the page. One host and one browser serve the whole file.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { appendFileSync, existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { waitFor } from '../../support/host'
import {
  CLIP_MARRIED,
  isAlive,
  makeLongAudio,
  openLongJob,
  openUi,
  pickFiles,
  processStartTime,
  queuedJobId,
  screenshot,
  survivors,
  type UiSession
} from './uiHarness'

let ui: UiSession
beforeAll(async () => {
  ui = await openUi()
})
afterAll(async () => {
  await ui?.close()
})
// Each test starts on the Transcribe page with nothing running.
afterEach(async () => {
  for (const job of await ui.client.call('jobs.list', {}))
    if (job.status === 'processing' || job.status === 'queued')
      await ui.client.call('jobs.stop', { id: job.id })
  await ui.page.getByTestId('nav-transcribe').click()
  await ui.page.getByTestId('drop-zone').waitFor()
})

/** The spec's promise for Stop, measured from the click to the empty table. */
const STOP_VISIBLE_WITHIN_MS = 2_000

/** The number of lines the log view says it holds (-1 while it says something else). */
async function lineCount(page: Page): Promise<number> {
  const text = await page.getByTestId('log-count').innerText()
  return Number(/^(\d+) lines/.exec(text)?.[1] ?? -1)
}

describe('Job page', () => {
  it('streams logs and metrics of a running job; Stop kills the tree and shows cancelled', async () => {
    const { page, client } = ui
    const id = await openLongJob(ui)
    await expect
      .poll(() => page.getByTestId('job-status').innerText(), { timeout: 60_000 })
      .toBe('processing')
    const logCount = (): Promise<number> => lineCount(page)
    const firstCount = await waitFor(
      async () => ((await logCount()) > 0 ? await logCount() : 0),
      'log lines',
      60_000
    )
    // Before the first chunk's words, the page says which phase the job is in (it went through
    // decoding and finding speech first: the pipeline reports each).
    await expect
      .poll(() => page.getByTestId('job-phase').innerText(), { timeout: 60_000 })
      .toBe('· Transcribing')
    expect(await page.getByTestId('live-chunk').count()).toBe(0)
    await screenshot(page, '08-job-first-chunk')

    await waitFor(
      async () => (await logCount()) > firstCount,
      'more log lines streaming in',
      60_000
    )
    expect(await page.getByTestId('log-line').count()).toBeGreaterThan(0)

    const cpuPath = page.locator('[data-testid="cpu-sparkline"] path')
    const firstPath = await waitFor(
      async () => await cpuPath.getAttribute('d'),
      'a CPU sparkline',
      30_000
    )
    await waitFor(
      async () => (await cpuPath.getAttribute('d')) !== firstPath,
      'the CPU sparkline to move',
      30_000
    )

    const rows = page.getByTestId('process-row')
    await rows.first().waitFor({ timeout: 30_000 })
    const pids = (await rows.locator('td:first-child').allInnerTexts()).map(Number)
    const seen = pids.map((pid) => ({ pid, start: processStartTime(pid) }))
    // Engine processes come and go per chunk; the pipeline lives for the whole job.
    const pipelinePid = (await client.call('jobs.get', { id }))?.process_id ?? -1
    expect(pids).toContain(pipelinePid)
    expect(isAlive(pipelinePid)).toBe(true)
    await screenshot(page, '08-job-running')

    const clickedAt = Date.now()
    await page.getByTestId('stop-button').click()
    await page.getByTestId('process-table-empty').waitFor({ timeout: STOP_VISIBLE_WITHIN_MS })
    const tableEmptyAfterMs = Date.now() - clickedAt
    await expect
      .poll(() => page.getByTestId('job-status').innerText(), { timeout: STOP_VISIBLE_WITHIN_MS })
      .toBe('cancelled')
    console.log(`[ui e2e] Stop: process table empty ${tableEmptyAfterMs} ms after the click`)
    const lingering = survivors(seen)
    if (lingering.length > 0)
      console.log(`[ui e2e] still present right after Stop: ${lingering.join(', ')}`)
    // The host saw the tree gone; the OS must agree (a killed process may take a moment to exit).
    await expect.poll(() => survivors(seen), { timeout: 5_000 }).toEqual([])
    await page.getByTestId('job-reason').waitFor()
    // Nothing runs: no Stop, no keep-running, and the tiles read "—", not the last sample.
    expect(await page.getByTestId('stop-button').count()).toBe(0)
    expect(await page.getByTestId('keep-in-background').count()).toBe(0)
    expect(await page.getByTestId('cpu-sparkline-value').innerText()).toBe('—')
    expect(await page.getByTestId('memory-sparkline-value').innerText()).toBe('—')
    const row = await client.call('jobs.get', { id })
    expect(row?.status).toBe('cancelled')
    expect(await page.getByTestId('job-reason').innerText()).toContain(
      row?.cancel_reason ?? '<none>'
    )
    await screenshot(page, '09-job-stopped')
  })

  it('a long log is virtualized: 100,000 lines, a few dozen rows in the page', async () => {
    const { page, client } = ui
    // Its own words are not what this looks at: two seconds of speech finish soonest.
    const clip = join(ui.scratch, 'short-reading.wav')
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', CLIP_MARRIED, '-t', '2', clip])
    await pickFiles(page, [clip])
    const id = await queuedJobId(page, 'short-reading')
    await expect
      .poll(async () => (await client.call('jobs.get', { id }))?.status, { timeout: 120_000 })
      .toBe('completed')
    const logPath = (await client.call('jobs.get', { id }))?.log_file_path
    expect(logPath).toBeTruthy()
    const extra = Array.from(
      { length: 120_000 },
      (_, i) => `synthetic line ${i} of a very chatty engine`
    )
    appendFileSync(logPath as string, extra.join('\n') + '\n')

    const openedAt = Date.now()
    await page.locator(`[data-testid="queue-row-${id}"] a`).click()
    // A finished job opens on its transcript; the log is under "diagnostics".
    await page.getByTestId('diagnostics-toggle').click()
    await expect
      .poll(() => page.getByTestId('log-count').innerText(), { timeout: 30_000 })
      .toMatch(/^100000 lines/)
    console.log(
      `[ui e2e] Job page showed a 100k-line log ${Date.now() - openedAt} ms after the click`
    )
    const rows = await page.getByTestId('log-line').count()
    expect(rows).toBeGreaterThan(0)
    expect(rows).toBeLessThan(200)
    await expect
      .poll(() => page.getByTestId('log-line').last().innerText())
      .toContain('synthetic line 119999')

    // Scroll from the bottom to the top in big steps and time the frames (reported, not asserted):
    // each step is a screenful of new rows or more, so a few dozen of them tell the frame time.
    const frames = await page.locator('.log-scroll').evaluate(async (el) => {
      // Runs in the page; DOM globals are not in this Node-side program's types.
      const raf = (globalThis as unknown as { requestAnimationFrame(cb: () => void): void })
        .requestAnimationFrame
      const nextFrame = (): Promise<void> => new Promise((r) => raf(() => r()))
      const times: number[] = []
      let last = performance.now()
      while (el.scrollTop > 0) {
        el.scrollTop = Math.max(0, el.scrollTop - 20_000)
        await nextFrame()
        const now = performance.now()
        times.push(now - last)
        last = now
      }
      times.sort((a, b) => a - b)
      return {
        frames: times.length,
        median: times[Math.floor(times.length / 2)],
        p95: times[Math.floor(times.length * 0.95)]
      }
    })
    console.log(`[ui e2e] scrolling a 100k-line log: ${JSON.stringify(frames)} (ms per frame)`)
    await page.getByTestId('resume-follow').waitFor()
    expect(await page.getByTestId('log-line').count()).toBeLessThan(200)

    await page.getByLabel('Search the log').fill('synthetic line 11999')
    await expect
      .poll(() => page.getByTestId('log-count').innerText())
      .toMatch(/^10 of 100000 lines match/)
    await screenshot(page, '12-job-long-log-search')
  })

  it('the log view follows the tail, pauses when scrolled up, resumes on demand, and filters', async () => {
    const { page, client } = ui
    // The pipeline logs a line per chunk: short chunks bring new lines every few seconds.
    await page.getByTestId('advanced').locator('summary').click()
    await page.getByLabel('Chunk (s)').fill('5')
    await page.getByLabel('Overlap (s)').fill('1')
    const audio = join(ui.scratch, 'log-follow.wav')
    renameSync(makeLongAudio(ui.scratch, 30), audio)
    await pickFiles(page, [audio])
    const id = await queuedJobId(page, 'log-follow')
    // More lines than the view holds, already in the job's log file when its page opens (the
    // page loads the file's tail, then the lines streaming in).
    const logPath = await waitFor(
      async () => {
        const path = (await client.call('jobs.get', { id }))?.log_file_path
        return path && existsSync(path) ? path : null
      },
      'the job to start its log',
      60_000
    )
    const earlier = Array.from({ length: 300 }, (_, i) => `earlier output ${i}`)
    appendFileSync(logPath, earlier.join('\n') + '\n')
    await page.locator(`[data-testid="queue-row-${id}"] a`).click()

    const scroller = page.locator('.log-scroll')
    const lastLine = (): Promise<string> => page.getByTestId('log-line').last().innerText()
    // Less than half a line (18 px) below the view: the newest line is wholly in sight.
    const atBottom = async (): Promise<boolean> =>
      (await scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)) < 9
    const loaded = await waitFor(
      async () => {
        const n = await lineCount(page)
        return n > earlier.length ? n : 0
      },
      'the log file and its earlier output on the page',
      30_000
    )
    // Following: a line that streams in scrolls the view down to it.
    await waitFor(async () => (await lineCount(page)) > loaded, 'a line streaming in', 60_000)
    expect(await scroller.getAttribute('data-following')).toBe('yes')
    await expect.poll(atBottom).toBe(true)
    expect(await lastLine()).not.toMatch(/^earlier output/)

    // Scrolled up: the view stays put while lines keep coming, and offers to follow again.
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }))
    await page.getByTestId('resume-follow').waitFor()
    expect(await scroller.getAttribute('data-following')).toBe('no')
    const paused = await lineCount(page)
    await waitFor(async () => (await lineCount(page)) > paused, 'a line streaming in', 60_000)
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0)
    expect(await scroller.getAttribute('data-following')).toBe('no')
    await page.getByTestId('resume-follow').click()
    await expect.poll(() => scroller.getAttribute('data-following')).toBe('yes')
    await expect.poll(atBottom).toBe(true)

    const needle = 'chunk'
    await page.getByLabel('Search the log').fill(needle)
    await expect
      .poll(() => page.getByTestId('log-count').innerText())
      .toMatch(/\d+ of \d+ lines match/)
    const shown = await page.getByTestId('log-line').allInnerTexts()
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.every((l) => l.toLowerCase().includes(needle))).toBe(true)
    expect(await page.locator('[data-testid="log-line"] mark').count()).toBeGreaterThan(0)
    // Leave nothing running: stop the job unless it finished meanwhile. Through the host, which
    // answers either way: a job that completes between a look at the button and a click on it
    // leaves a disabled button, and the click would wait for it until the test times out.
    await client.call('jobs.stop', { id })
    await expect
      .poll(() => page.getByTestId('job-status').innerText(), { timeout: 10_000 })
      .toMatch(/^(cancelled|completed)$/)
  })
})
