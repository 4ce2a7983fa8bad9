// The queue page with 5,000 queued jobs (a batch another process queued, written straight into
// the host's database before it opens), in Chromium against the built browser host: the page
// says how many are queued, opens on ids and a first page (not 5,000 rows over the socket),
// keeps a bounded number of rows in the DOM, reaches the last job by keyboard, keeps the focused
// row while it scrolls away, and Stop on a row still cancels that job. The line above the queue
// counts the batch (the jobs added since the queue was last empty: one done before the 5,000)
// and the queue's time left at an earlier job's rate. Screenshots at 1280×800 and 800×600 go to
// test-results/ui/queue-5000-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebSocket as PageSocket } from 'playwright-core'
import { openStore, type Store } from '../../../src/main/core/openDataDir'
import { makeTempDir, removeDir, sampleJob } from '../../support/db'
import { queuedName, seedQueue } from '../../support/queueSeed'
import { screenshotsOf } from './screens'
import { clockText } from '@shared/clockText'
import { openUi, type UiSession } from './uiHarness'

/** Thousands, as a big batch; bench/queuePage.bench.ts opens the 10,000. */
const JOBS = 5_000
/** A screenful and the overscan either side; 5,000 would be every job. */
const MAX_ROWS_IN_DOM = 50
/** What the page may receive while it opens: 5,000 rows of ~700 bytes would be about 3.5 MB. */
const MAX_OPEN_BYTES = 300_000

let ui: UiSession
let ids: number[]
let dataDir: string

beforeAll(async () => {
  dataDir = makeTempDir('transcriptor-queue-')
  const store = openStore(dataDir)
  seedEarlierJobs(store, Date.now() - JOBS * 1000)
  // Owned by this test's live process: the host leaves them queued (neither runs nor reaps them).
  ids = seedQueue(store.db, JOBS)
  store.close()
  ui = await openUi({ dataDir })
}, 120_000)

afterAll(async () => {
  await ui.close()
  removeDir(dataDir)
})

/**
 * A job of an earlier batch (100 s of audio in 50 s with 2 processes: 1 s per audio second per
 * process), then the first job of this batch: 60 s of audio, added just before the 5,000 and done
 * after they were added. So each queued job counts as 60 s of audio (the batch's average) at 0.5 s
 * per second with its 2 processes: 30 s each, one job at a time.
 */
function seedEarlierJobs(store: Store, batchStart: number): void {
  const earlier = store.jobs.createJob(sampleJob({ duration_seconds: 100 }), 1_000)
  store.jobs.startJob(earlier.id, 10_000)
  store.jobs.completeJob(earlier.id, {}, 60_000)
  const first = store.jobs.createJob(sampleJob({ duration_seconds: 60 }), batchStart - 1_000)
  store.jobs.startJob(first.id, batchStart - 500)
  store.jobs.completeJob(first.id, {})
}
const SECONDS_PER_QUEUED_JOB = 30

const rowsInDom = (): Promise<number> => ui.page.locator('[data-testid^="queue-row-"]').count()
const row = (id: number) => ui.page.getByTestId(`queue-row-${id}`)

describe('the queue page with 5,000 queued jobs', () => {
  it('opens on the count and the newest rows, with a bounded DOM and a small load', async () => {
    const { page } = ui
    let received = 0
    const count = (socket: PageSocket): void => {
      socket.on('framereceived', (frame) => (received += frame.payload.length))
    }
    page.on('websocket', count)
    await page.reload()
    await expect.poll(() => page.getByTestId('queue-count').innerText()).toBe('5,000 queued')
    await expect
      .poll(() => page.getByTestId('queue-summary').innerText())
      .toBe(
        `Since the queue was last empty: 1 of 5,001 done · 5,000 queued · about ${clockText(5_000 * SECONDS_PER_QUEUED_JOB)} left`
      )
    const newest = ids[JOBS - 1]
    await expect.poll(() => row(newest).innerText()).toContain(queuedName(JOBS - 1))
    page.off('websocket', count)
    console.log(`[ui e2e] queue of ${JOBS}: ${received} bytes over the socket while opening`)
    expect(received).toBeLessThan(MAX_OPEN_BYTES)
    expect(await rowsInDom()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM)
    await row(newest).locator('a').scrollIntoViewIfNeeded()
    await screenshotsOf(page, 'queue-5000')
    // At 800×600 the page does not scroll sideways either.
    await page.setViewportSize({ width: 800, height: 600 })
    const sideways = await page.evaluate(
      'document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth'
    )
    await page.setViewportSize({ width: 1280, height: 800 })
    expect(sideways).toBe(0)
  })

  it('keeps the focused row while it scrolls away; End in the list reaches the oldest job', async () => {
    const { page } = ui
    const newest = ids[JOBS - 1]
    const link = row(newest).locator('a')
    await link.focus()
    const list = page.getByTestId('queue-scroll')
    expect(await row(ids[JOBS - 2]).count()).toBe(1)
    await list.evaluate((el) => el.scrollBy(0, 20_000))
    // Scrolled hundreds of rows away, its neighbour has left the DOM; the focused row has not,
    // and its link still has the focus.
    await row(ids[JOBS - 2]).waitFor({ state: 'detached' })
    const focused = await page.evaluate(
      "document.activeElement && document.activeElement.getAttribute('href')"
    )
    expect(focused).toBe(`#/job/${newest}`)
    await list.focus()
    await page.keyboard.press('End')
    const oldest = ids[0]
    await expect.poll(() => row(oldest).innerText()).toContain(queuedName(0))
    expect(await row(oldest).isVisible()).toBe(true)
    expect(await rowsInDom()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM)
    await page.keyboard.press('Home')
    await expect.poll(() => row(newest).isVisible()).toBe(true)
  })

  it('Stop on a row cancels that job and it leaves the queue; so does a job deleted elsewhere', async () => {
    const { page, client } = ui
    await page.getByTestId('queue-scroll').focus()
    await page.keyboard.press('End')
    const [oldest, second] = ids
    await page.getByTestId(`queue-stop-${oldest}`).click()
    await expect
      .poll(async () => (await client.call('jobs.get', { id: oldest }))?.status)
      .toBe('cancelled')
    await row(oldest).waitFor({ state: 'detached' })
    await expect.poll(() => page.getByTestId('queue-count').innerText()).toBe('4,999 queued')
    // The stopped job stays in the batch's count; the time left is one job shorter.
    await expect
      .poll(() => page.getByTestId('queue-summary').innerText())
      .toBe(
        `Since the queue was last empty: 1 of 5,001 done · 1 stopped · 4,999 queued · about ${clockText(4_999 * SECONDS_PER_QUEUED_JOB)} left`
      )
    expect((await client.call('jobs.delete', { id: second })).deleted).toBe(true)
    await row(second).waitFor({ state: 'detached' })
    await expect.poll(() => page.getByTestId('queue-count').innerText()).toBe('4,998 queued')
    await expect
      .poll(() => page.getByTestId('queue-summary').innerText())
      .toBe(
        `Since the queue was last empty: 1 of 5,000 done · 1 stopped · 4,998 queued · about ${clockText(4_998 * SECONDS_PER_QUEUED_JOB)} left`
      )
    // The list's end is now the third oldest, and it is on screen.
    await expect.poll(() => row(ids[2]).isVisible()).toBe(true)
  })
})
