// What a newcomer tripped on (issue 24, items 3, 5, 6), in Chromium against the built browser host
// and real pocketsphinx jobs: a resumed job shows at once and is the page's own; ended jobs offer
// no Stop and read "—"; a file that was never audio is offered no Resume; queue rows show warnings
// and have Stop; the leave dialog counts queued jobs apart; at 800×600 no page scrolls sideways,
// file names and dates stay whole, "Choose files…" shows its focus ring, a transcript line is one
// Tab stop and Esc from editing returns to it. Screenshots of each page at 1280×800 and 800×600,
// light and dark, go to test-results/ui/newcomer-*.png.
import { execFileSync } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from '../../support/host'
import {
  CLIP_MARRIED,
  makeBrokenWav,
  makeLongAudio,
  openUi,
  pickFiles,
  queuedJobId,
  screenshot,
  waitForQueueStatus,
  type UiSession
} from './uiHarness'

let ui: UiSession

const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 }
] as const

beforeAll(async () => {
  // Short chunks: the first one is checkpointed soon; one process keeps the shared machine calm.
  ui = await openUi({
    settings: { chunkSeconds: 6, overlapSeconds: 1, processes: 1, concurrentJobs: 1 }
  })
}, 120_000)

afterAll(async () => {
  for (const job of await ui.client.call('jobs.list', {}))
    if (job.status === 'processing' || job.status === 'queued')
      await ui.client.call('jobs.stop', { id: job.id })
  await ui.close()
})

const INTERVIEW = 'interview.wav'

/** A clip of speech named like a user's recording, to be transcribed for the last test. */
function interviewFile(): string {
  const interview = join(ui.scratch, INTERVIEW)
  copyFileSync(CLIP_MARRIED, interview)
  return interview
}

async function pickInterview(page: Page): Promise<number> {
  await pickFiles(page, [interviewFile()])
  return queuedJobId(page, 'interview')
}

/** The page is no wider than the window (a wide table scrolls inside its own box). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return inPage<number>(
    page,
    'document.documentElement.scrollWidth - document.documentElement.clientWidth'
  )
}

/** An expression evaluated in the page (this Node-side program has no DOM types). */
function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>
}

function focusedTestId(page: Page): Promise<string | null> {
  return inPage(page, "document.activeElement?.getAttribute('data-testid') ?? null")
}

/** How many lines the text of the element `selector` takes (distinct tops of its line boxes). */
function linesOfText(page: Page, selector: string): Promise<number> {
  return inPage(
    page,
    `(() => {
      const range = document.createRange()
      range.selectNodeContents(document.querySelector(${JSON.stringify(selector)}))
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size
    })()`
  )
}

/** Each size and theme: no sideways scroll at any size, and a screenshot to look at. */
async function everySizeAndTheme(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size)
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme })
      expect(
        await sidewaysOverflow(page),
        `${name} at ${size.width}×${size.height}`
      ).toBeLessThanOrEqual(0)
      await screenshot(page, `newcomer-${name}-${size.width}x${size.height}-${theme}`)
    }
  }
  await page.setViewportSize(SIZES[0])
  await page.emulateMedia({ colorScheme: 'light' })
}

describe('newcomer states', () => {
  it(
    'Stop, then Resume: the page follows the resumed job within a second and owns it',
    { timeout: 400_000 },
    async () => {
      const { page, client } = ui
      await page.setViewportSize(SIZES[0])
      await pickFiles(page, [makeLongAudio(ui.scratch, 8)])
      const id = await queuedJobId(page, 'long-reading')
      await page.locator(`[data-testid="queue-row-${id}"] a`).click()
      // A chunk finished = its words are checkpointed: something to resume from.
      await page.getByTestId('live-chunk').first().waitFor({ timeout: 180_000 })
      await page.getByTestId('process-row').first().waitFor({ timeout: 30_000 })
      await everySizeAndTheme(page, 'job-running')

      await page.getByTestId('stop-button').click()
      await expect
        .poll(() => page.getByTestId('job-status').innerText(), { timeout: 10_000 })
        .toBe('cancelled')
      // Nothing runs: no Stop or keep-running, and the tiles do not show the last sample.
      expect(await page.getByTestId('stop-button').count()).toBe(0)
      expect(await page.getByTestId('keep-in-background').count()).toBe(0)
      expect(await page.getByTestId('cpu-sparkline-value').innerText()).toBe('—')
      const resume = page.getByTestId('resume-button')
      await resume.waitFor()
      await everySizeAndTheme(page, 'job-stopped')

      await resume.click()
      const clicked = Date.now()
      await expect
        .poll(() => page.getByTestId('job-status').innerText(), { timeout: 1_000 })
        .toMatch(/^(queued|processing)$/)
      // The same row renders them: with the status, Stop and keep-running are back.
      expect(await page.getByTestId('stop-button').count()).toBe(1)
      expect(await page.getByTestId('keep-in-background').count()).toBe(1)
      console.log(`[ui e2e] resumed job shown ${Date.now() - clicked} ms after the click`)
      expect(await page.getByTestId('job-reason').count()).toBe(0)
      await page.getByTestId('process-row').first().waitFor({ timeout: 30_000 })
      await expect
        .poll(() => page.getByTestId('cpu-sparkline-value').innerText(), { timeout: 30_000 })
        .toMatch(/%$/)

      // The page owns it: leaving asks first, as for a job it started.
      await page.getByTestId('nav-history').click()
      const dialog = page.getByTestId('leave-dialog')
      await dialog.waitFor({ timeout: 5_000 })
      expect(await dialog.innerText()).toMatch(/1 job is (running|queued)/)
      await page.getByTestId('leave-stay').click()
      expect((await client.call('jobs.get', { id }))?.status).toMatch(/^(queued|processing)$/)
      await page.getByTestId('stop-button').click()
      await expect
        .poll(() => page.getByTestId('job-status').innerText(), { timeout: 10_000 })
        .toBe('cancelled')
    }
  )

  it(
    'the queue: Stop on each running row, queued counted apart, warnings shown; never-audio has no Resume',
    { timeout: 400_000 },
    async () => {
      const { page, client } = ui
      await page.getByTestId('nav-transcribe').click()
      // Names of their own: the queue still lists the first test's long-reading.wav.
      const long = makeLongAudio(ui.scratch, 8)
      const first = join(ui.scratch, 'first-reading.wav')
      const second = join(ui.scratch, 'second-reading.wav')
      copyFileSync(long, first)
      copyFileSync(long, second)
      await pickFiles(page, [first, second])
      const running = await queuedJobId(page, 'first-reading')
      const queued = await queuedJobId(page, 'second-reading')
      await waitForQueueStatus(page, running, 'processing', 60_000)
      expect((await client.call('jobs.get', { id: queued }))?.status).toBe('queued')
      await page.getByTestId(`queue-stop-${queued}`).waitFor()
      await page.getByTestId(`queue-stop-${running}`).waitFor()
      await everySizeAndTheme(page, 'queue')

      await page.getByTestId('nav-history').click()
      const dialog = page.getByTestId('leave-dialog')
      await dialog.waitFor({ timeout: 5_000 })
      expect(await dialog.innerText()).toContain('1 job is running and 1 is queued')
      await page.getByTestId('leave-stay').click()

      await page.getByTestId(`queue-stop-${queued}`).click()
      await waitForQueueStatus(page, queued, 'cancelled', 10_000)
      await page.getByTestId(`queue-stop-${running}`).click()
      await waitForQueueStatus(page, running, 'cancelled', 10_000)
      expect(await page.getByTestId(`queue-stop-${running}`).count()).toBe(0)

      // A silent recording completes with "no speech found" on its row; a file that was never
      // audio fails, and its page offers no Resume (nothing was transcribed) and no Stop. The
      // next test's interview is queued behind them, to be transcribed while this one looks.
      const silent = join(ui.scratch, 'silent-room.wav')
      execFileSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'anullsrc=r=16000:cl=mono',
        '-t',
        '4',
        silent
      ])
      await pickFiles(page, [silent, makeBrokenWav(ui.scratch), interviewFile()])
      const quiet = await queuedJobId(page, 'silent-room')
      const broken = await queuedJobId(page, 'broken-recording')
      await waitForQueueStatus(page, broken, 'failed', 60_000)
      await waitForQueueStatus(page, quiet, 'completed', 120_000)
      expect(await page.getByTestId(`queue-warning-${quiet}`).innerText()).toContain(
        'no speech found'
      )
      await page.locator(`[data-testid="queue-row-${broken}"] a`).click()
      await expect.poll(() => page.getByTestId('job-status').innerText()).toBe('failed')
      expect(await client.call('jobs.resumeOffer', { id: broken })).toMatchObject({
        finishedChunks: 0
      })
      expect(await page.getByTestId('resume-button').count()).toBe(0)
      expect(await page.getByTestId('stop-button').count()).toBe(0)
      await everySizeAndTheme(page, 'job-failed')
    }
  )

  it(
    'small windows and keyboards: History, a transcript, Settings and Transcribe at 800×600',
    { timeout: 300_000 },
    async () => {
      const { page, client } = ui
      await page.getByTestId('nav-transcribe').click()
      // The previous test queued it; on its own, this test drops it now.
      const queued = (await client.call('jobs.list', {})).find((j) => j.filename === INTERVIEW)
      const id = queued?.id ?? (await pickInterview(page))
      await waitForQueueStatus(page, id, 'completed', 150_000)

      // "Choose files…" shows its focus ring (the input inside it is what takes focus).
      await page.setViewportSize(SIZES[1])
      await inPage(page, 'window.scrollTo(0, 0)')
      await waitFor(
        async () => {
          await page.keyboard.press('Tab')
          return (await focusedTestId(page)) === 'file-input'
        },
        'Tab to reach Choose files…',
        10_000
      )
      const ring = await inPage(
        page,
        `getComputedStyle(document.querySelector('[data-testid="file-input"]').closest('label')).outlineStyle`
      )
      expect(ring).toBe('solid')
      await everySizeAndTheme(page, 'transcribe')

      // History: the name on one line at 800 px ("interview.wav" was broken letter by letter),
      // the date on one line.
      await page.getByTestId('nav-history').click()
      const row = page.getByTestId(`history-row-${id}`)
      await row.waitFor()
      await page.setViewportSize(SIZES[1])
      expect(await linesOfText(page, `[data-testid="history-row-${id}"] .file-name`)).toBe(1)
      expect(await linesOfText(page, `[data-testid="history-row-${id}"] td.date`)).toBe(1)
      await everySizeAndTheme(page, 'history')

      // The transcript: one Tab stop per line, arrows within, Esc from editing back to the line.
      await page.goto(`${page.url().split('#')[0]}#/job/${id}`)
      const first = page.getByTestId('segment-text-0')
      await first.waitFor({ timeout: 30_000 })
      const segments = await page.locator('[data-testid^="segment-text-"]').count()
      await first.focus()
      if (segments > 1) {
        await page.keyboard.press('Tab')
        expect(await focusedTestId(page)).toBe('segment-text-1')
        await page.keyboard.press('Shift+Tab')
      }
      await page.keyboard.press('ArrowRight')
      expect(await inPage(page, 'document.activeElement?.textContent')).toBe('Edit')
      await page.keyboard.press('ArrowLeft')
      await page.keyboard.press('Enter')
      await page.getByTestId('segment-editor-0').waitFor()
      await page.keyboard.press('Escape')
      await expect.poll(() => focusedTestId(page)).toBe('segment-text-0')
      await everySizeAndTheme(page, 'job-transcript')

      await page.getByTestId('nav-settings').click()
      await page.getByRole('heading', { level: 1 }).waitFor()
      await everySizeAndTheme(page, 'settings')
    }
  )
})
