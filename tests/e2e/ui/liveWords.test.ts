// Live words: while a job runs, each finished chunk's words appear on its Job page, in order,
// with a marker where chunks are still running; the finished transcript then holds those words.
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../../support/host'
import {
  makeLongAudio,
  openUi,
  pickFiles,
  queuedJobId,
  screenshot,
  type UiSession
} from './uiHarness'

let ui: UiSession | undefined
afterEach(async () => {
  await ui?.close()
  ui = undefined
})

describe('Job page live transcript', () => {
  it('shows words of finished chunks before the job completes', { timeout: 420_000 }, async () => {
    // Short chunks, one at a time: the first words come while two chunks (some seconds of
    // decoding) are still to run, in a recording of 28 s.
    ui = await openUi({ settings: { chunkSeconds: 10, overlapSeconds: 1, processes: 1 } })
    const { page, client } = ui
    await pickFiles(page, [makeLongAudio(ui.scratch, 3)])
    const id = await queuedJobId(page, 'long-reading')
    await page.locator(`[data-testid="queue-row-${id}"] a`).click()

    const firstChunk = page.getByTestId('live-chunk').first()
    await firstChunk.waitFor({ timeout: 120_000 })
    const row = await client.call('jobs.get', { id })
    // Seen on the page while the host still says the job runs.
    expect(row?.status).toBe('processing')
    expect(await page.getByTestId('job-status').innerText()).toBe('processing')
    const liveText = (await firstChunk.innerText()).toLowerCase()
    expect(liveText).toMatch(/[a-z]{4,}/)
    const pieces = await page
      .locator('[data-testid="live-chunk"], [data-testid="live-gap"]')
      .count()
    expect(pieces).toBeGreaterThan(1) // words and at least the "to come" marker
    await expect.poll(() => page.getByTestId('live-gap').count()).toBeGreaterThan(0)
    await screenshot(page, '20-live-words-running')

    // More chunks arrive while it runs.
    const firstCount = await page.getByTestId('live-chunk').count()
    await waitFor(
      async () =>
        (await page.getByTestId('live-chunk').count()) > firstCount ||
        (await page.getByTestId('job-status').innerText()) === 'completed',
      'more chunks',
      120_000
    )

    await expect
      .poll(() => page.getByTestId('job-status').innerText(), { timeout: 240_000 })
      .toBe('completed')
    const transcript = await client.call('jobs.transcript', { id })
    const finalWords = transcript?.segments.flatMap((s) => s.words.map((w) => w.word)) ?? []
    const firstLive = liveText.split(/\s+/).filter((w) => /^[a-z']{5,}$/.test(w))
    expect(firstLive.length).toBeGreaterThan(0)
    expect(finalWords.map((w) => w.toLowerCase())).toContain(firstLive[0])
    await page.getByTestId('transcript').waitFor()
    expect(await page.getByTestId('live-transcript').count()).toBe(0)
  })
})
