// A 3-hour interview's transcript on the job page: ~2,100 segments, ~30,000 words, stored the way
// a finished job stores it. Measured in the page: opening the job until the last segment is in the
// document, and an edit of the last segment until it is saved (the page sends the change, one
// segment, not the transcript: the whole of a long one was more than the host takes in a message).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Segment } from '@shared/transcript'
import { openStore } from '../../../src/main/core/openDataDir'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import { TranscriptRepository } from '../../../src/main/core/transcripts/transcriptRepository'
import { makeTempDir, removeDir, sampleJob } from '../../support/db'
import { budgetNote, budgetStretch } from '../../support/loadBudget'
import { openUi, screenshot, type UiSession } from './uiHarness'

const HOURS = 3
const SEGMENT_SECONDS = 5
const WORDS_PER_SEGMENT = 14
const WORDS = 'so we met at the station and talked about the budget for the village market'.split(
  ' '
)

let ui: UiSession
let dataDir: string
let id: number
const segmentCount = (HOURS * 3600) / SEGMENT_SECONDS

function segments(): Segment[] {
  return Array.from({ length: segmentCount }, (_, k) => {
    const start = k * SEGMENT_SECONDS
    const words = Array.from({ length: WORDS_PER_SEGMENT }, (_, w) => ({
      word: WORDS[(k + w) % WORDS.length],
      start: start + w * 0.33,
      end: start + w * 0.33 + 0.3
    }))
    return { start, end: words.at(-1)!.end, text: words.map((w) => w.word).join(' '), words }
  })
}

beforeAll(async () => {
  dataDir = makeTempDir('transcriptor-long-transcript-')
  const store = openStore(dataDir)
  const jobs = new JobRepository(store.db)
  ;({ id } = jobs.createJob(sampleJob({ filename: 'three-hours.wav', formats: 'txt' })))
  jobs.startJob(id)
  jobs.completeJob(id, {})
  new TranscriptRepository(store.db).storeOriginal(id, {
    durationSeconds: HOURS * 3600,
    segments: segments()
  })
  store.close()
  ui = await openUi({ dataDir })
}, 120_000)

afterAll(async () => {
  await ui.close()
  removeDir(dataDir)
})

describe(`a ${HOURS}-hour transcript`, () => {
  it('opens, and saves an edit, in reasonable time', async () => {
    const { page } = ui
    const last = segmentCount - 1
    const openMs = Number(
      await page.evaluate(`(async () => {
        const t0 = performance.now()
        window.location.hash = '#/job/${id}'
        while (!document.querySelector('[data-testid="segment-text-${last}"]'))
          await new Promise((r) => requestAnimationFrame(r))
        return performance.now() - t0
      })()`)
    )
    // What the page sends its host, as the browser's devtools see it.
    const sent: string[] = []
    const devtools = await page.context().newCDPSession(page)
    devtools.on('Network.webSocketFrameSent', (frame) => sent.push(frame.response.payloadData))
    await devtools.send('Network.enable')
    await page.getByTestId(`segment-text-${last}`).scrollIntoViewIfNeeded()
    await page.getByTestId(`segment-text-${last}`).dblclick()
    await page.getByTestId(`segment-editor-${last}`).fill('and that was the end of the interview')
    const saveStarted = Date.now()
    await page.getByTestId(`segment-editor-${last}`).press('Enter')
    await expect
      .poll(() => page.getByTestId('transcript-save-state').innerText(), { timeout: 30_000 })
      .toMatch(/Edited · saved/)
    // The autosave waits 600 ms after the last change; the rest is the round trip.
    const saveMs = Date.now() - saveStarted
    console.log(
      `[ui e2e] ${segmentCount} segments, ${segmentCount * WORDS_PER_SEGMENT} words: ` +
        `open ${openMs.toFixed(0)} ms, edit saved ${saveMs} ms after Enter (600 ms of it the autosave delay)` +
        budgetNote()
    )
    await screenshot(page, '33-job-three-hours')
    const saves = sent.filter((frame) => frame.includes('"transcripts.save"'))
    expect(saves).toHaveLength(1)
    expect(saves[0]).toContain('and that was the end of the interview')
    expect(saves[0].length).toBeLessThan(2_000)
    expect(openMs).toBeLessThan(3000 * budgetStretch())
    expect(saveMs).toBeLessThan(5000 * budgetStretch())
  })
})
