// One transcript open in two windows. An edit saved in one shows in the other at once when the
// other has nothing of its own waiting; when it has, that window says its edit was made on an
// older version (instead of losing either one silently) and offers the newer version.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Segment } from '@shared/transcript'
import { openStore } from '../../../src/main/core/openDataDir'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import { TranscriptRepository } from '../../../src/main/core/transcripts/transcriptRepository'
import { makeTempDir, removeDir, sampleJob } from '../../support/db'
import { openUi, screenshot, type UiSession } from './uiHarness'

let ui: UiSession
let dataDir: string
let id: number
let other: Page

const LINES = ['we met at the station', 'and talked about the budget', 'for the village market']

function segments(): Segment[] {
  return LINES.map((text, k) => {
    const words = text
      .split(' ')
      .map((word, w) => ({ word, start: k * 5 + w * 0.4, end: k * 5 + w * 0.4 + 0.3 }))
    return { start: k * 5, end: words[words.length - 1].end, text, words }
  })
}

beforeAll(async () => {
  dataDir = makeTempDir('transcriptor-two-windows-')
  const store = openStore(dataDir)
  const jobs = new JobRepository(store.db)
  ;({ id } = jobs.createJob(sampleJob({ filename: 'meeting.wav', formats: 'txt' })))
  jobs.startJob(id)
  jobs.completeJob(id, {})
  new TranscriptRepository(store.db).storeOriginal(id, {
    durationSeconds: 15,
    segments: segments()
  })
  store.close()
  ui = await openUi({ dataDir })
  other = await ui.browser.newPage()
  await other.goto(ui.host.url)
  for (const page of [ui.page, other]) {
    await page.evaluate(`window.location.hash = '#/job/${id}'`)
    await page.getByTestId('segment-text-2').waitFor()
  }
}, 120_000)

afterAll(async () => {
  await ui.close()
  removeDir(dataDir)
})

async function edit(page: Page, index: number, text: string): Promise<void> {
  await page.getByTestId(`segment-text-${index}`).dblclick()
  await page.getByTestId(`segment-editor-${index}`).fill(text)
  await page.getByTestId(`segment-editor-${index}`).press('Enter')
}

it('an edit saved in one window shows in the other, which had nothing waiting', async () => {
  await edit(ui.page, 0, 'we met at the old station')
  await expect
    .poll(() => other.getByTestId('segment-text-0').innerText())
    .toBe('we met at the old station')
  expect(await other.getByTestId('transcript-save-state').innerText()).toMatch(/Edited · saved/)
})

it('an edit waiting in one window when the other saves: it says so and offers the newer version', async () => {
  // The first window's edit is sent 0.6 s after it, before the second's (made just after).
  await edit(ui.page, 2, 'for the village market on Sunday')
  await edit(other, 1, 'and argued about the budget')
  const state = other.getByTestId('transcript-save-state')
  await expect.poll(() => state.innerText()).toBe('Not saved: changed elsewhere — reload')
  await screenshot(other, '42-transcript-changed-elsewhere')
  // The offer fits a small window too: nothing scrolls sideways at 800×600.
  await other.setViewportSize({ width: 800, height: 600 })
  await screenshot(other, '42-transcript-changed-elsewhere-800x600')
  expect(await other.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
    true
  )
  await other.getByTestId('transcript-load-latest').click()
  await expect
    .poll(() => other.getByTestId('segment-text-2').innerText())
    .toBe('for the village market on Sunday')
  expect(await other.getByTestId('segment-text-1').innerText()).toBe(LINES[1])
  expect(await state.getAttribute('data-state')).toBe('saved')
  // The first window's version is the one kept on the host.
  const saved = await ui.client.call('transcripts.get', { id })
  expect(saved?.transcript.segments.map((s) => s.text)).toEqual([
    'we met at the old station',
    LINES[1],
    'for the village market on Sunday'
  ])
})
