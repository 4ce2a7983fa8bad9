// Doubtful words and "Transcribe again" on a finished job's page, in the real renderer (Chromium)
// against the real browser host, real pocketsphinx on LibriVox speech and a real loopback
// OpenAI-compatible server that answers known words:
// - the words pocketsphinx was unsure of are underlined (not by colour alone: a wavy underline and
//   a title saying why), counted, and walked with N / Shift+N, the player following;
// - a selected passage transcribed again with the other engine shows the server's words there,
//   the downloaded SRT has them, and Undo brings the old words back (saved, SRT too).
// Screenshots light and dark. One browser and one job for the whole file.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { doubtfulWords } from '@shared/doubtfulWords'
import { LIBRIVOX_DIR } from '../../support/speech'
import { waitFor } from '../../support/host'
import { startFixedWordsServer, type FixedWordsServer } from '../../support/fixedWordsServer'
import {
  openUi,
  pickFiles,
  screenshot,
  waitForQueueStatus,
  type UiSession,
  downloadedBytes
} from './uiHarness'

const NEW_WORDS = ['zebra', 'quartz', 'saxophone']
let ui: UiSession
let server: FixedWordsServer
let jobId: number

/** "… mister john dashwood had then leisure …", 1.5 s of silence, "he might even have been …". */
function makeTwoSentences(dir: string): string {
  const clip = (n: string): string =>
    join(LIBRIVOX_DIR, `sense_and_sensibility_01_austen_64kb-${n}.wav`)
  const padded = join(dir, 'padded.wav')
  const out = join(dir, 'talk.wav')
  execFileSync('sox', [clip('0870'), padded, 'pad', '0', '1.5'])
  execFileSync('sox', [padded, clip('0930'), out])
  return out
}

const mediaTime = (): Promise<number> =>
  ui.page.evaluate(
    'document.querySelector("[data-testid=player] audio").currentTime'
  ) as Promise<number>

async function downloadSrt(): Promise<string> {
  const { page } = ui
  await page.getByTestId('export-format').selectOption('srt')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download').click()
  ])
  return (await downloadedBytes(download)).toString('utf8')
}

beforeAll(async () => {
  server = await startFixedWordsServer(NEW_WORDS)
  ui = await openUi()
  await ui.client.call('endpoints.add', { baseUrl: server.url, model: 'fixed', concurrency: 1 })
  const settings = await ui.client.call('settings.get', {})
  await ui.client.call('settings.set', {
    settings: { ...settings, formats: ['srt'], processes: 1, engine: 'pocketsphinx' }
  })
  await ui.page.reload()
  await ui.page.getByTestId('drop-zone').waitFor()
  await pickFiles(ui.page, [makeTwoSentences(ui.scratch)])
  jobId = await waitFor(async () => (await ui.client.call('jobs.list', {}))[0]?.id, 'the job')
  await waitForQueueStatus(ui.page, jobId, 'completed')
  await ui.page.locator(`[data-testid="queue-row-${jobId}"] a`).click()
  await ui.page.getByTestId('transcript').waitFor()
}, 300_000)

afterAll(async () => {
  await ui.close()
  await server.close()
})

describe('doubtful words', () => {
  it('are underlined with the reason, counted, and walked with N / Shift+N, the player following', async () => {
    const { page, client } = ui
    const doc = await client.call('transcripts.get', { id: jobId })
    const expected = doubtfulWords(doc!.transcript, 0.5)
    expect(expected.length).toBeGreaterThan(1)
    await expect
      .poll(() => page.getByTestId('doubtful-count').innerText())
      .toBe(`${expected.length} doubtful words`)
    const underlined = page.getByTestId('doubtful-word')
    expect(await underlined.count()).toBe(expected.length)
    const first = underlined.first()
    expect(await first.getAttribute('title')).toMatch(/^Doubtful: confidence \d+ %$/)
    // Not colour alone: a wavy underline (the page's own computed style, read in Chromium).
    const decoration = (property: string): Promise<unknown> =>
      page.evaluate(
        `getComputedStyle(document.querySelector('[data-testid="doubtful-word"]')).${property}`
      )
    expect(await decoration('textDecorationLine')).toBe('underline')
    expect(await decoration('textDecorationStyle')).toBe('wavy')
    // The keys are shown on the buttons.
    expect(await page.getByTestId('doubtful-next').innerText()).toContain('N')
    expect(await page.getByTestId('doubtful-previous').innerText()).toContain('Shift+N')

    const walked = page.locator('[data-walked="true"]')
    const wordOf = (i: number): string =>
      doc!.transcript.segments[expected[i].segment].words[expected[i].word].word
    await page.locator('body').press('n')
    await expect.poll(() => walked.innerText()).toBe(wordOf(0))
    await expect.poll(mediaTime).toBeCloseTo(Math.max(0, expected[0].start - 0.3), 1)
    await page.locator('body').press('n')
    await expect.poll(() => walked.innerText()).toBe(wordOf(1))
    await expect.poll(mediaTime).toBeCloseTo(Math.max(0, expected[1].start - 0.3), 1)
    expect(await page.getByTestId('doubtful-where').innerText()).toMatch(
      /^2 of \d+: “.+” at \d+:\d\d, confidence \d+ %$/
    )
    await page.locator('body').press('Shift+N')
    await expect.poll(() => walked.innerText()).toBe(wordOf(0))
    await page.emulateMedia({ colorScheme: 'light' })
    await screenshot(page, '60-doubtful-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await screenshot(page, '60-doubtful-dark')
    await page.emulateMedia({ colorScheme: 'light' })
  })
})

describe('transcribe a passage again', () => {
  it('a selected passage transcribed by the other engine shows its words (SRT too); Undo brings the old ones back', async () => {
    const { page, client } = ui
    const before = (await client.call('transcripts.get', { id: jobId }))!.transcript
    const last = before.segments.length - 1
    expect(before.segments[last].start).toBeGreaterThan(8)
    const oldText = before.segments[last].text
    const srtBefore = await downloadSrt()
    expect(srtBefore).toContain(before.segments[0].words[0].word)

    await page.getByTestId(`passage-check-${last}`).check()
    expect(await page.getByTestId('passage-span').innerText()).toMatch(
      /^1 segment selected: 0:0[89]–0:1\d$/
    )
    await page.getByTestId('passage-open').click()
    await page.getByTestId('passage-engine').selectOption('openai')
    await page.emulateMedia({ colorScheme: 'dark' })
    await screenshot(page, '61-passage-form-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await screenshot(page, '61-passage-form-light')
    await page.getByTestId('passage-start').click()
    await expect
      .poll(() => page.getByTestId('transcript').innerText(), { timeout: 60_000 })
      .toContain(NEW_WORDS.join(' '))
    expect(server.requests).toBeGreaterThan(0)
    expect(await page.getByTestId('transcript').innerText()).not.toContain(oldText)
    expect(await page.getByTestId(`segment-text-0`).innerText()).toBe(before.segments[0].text)
    const srtAfter = await downloadSrt()
    expect(srtAfter).toContain(NEW_WORDS.join(' '))
    expect(srtAfter.split('\n\n')[0]).toBe(srtBefore.split('\n\n')[0])
    await screenshot(page, '62-passage-replaced-light')

    await page.getByTestId('undo-edit').click()
    await expect.poll(() => page.getByTestId('transcript').innerText()).toContain(oldText)
    expect(await page.getByTestId('transcript').innerText()).not.toContain('zebra')
    await expect
      .poll(() => page.getByTestId('transcript-save-state').getAttribute('data-state'))
      .toBe('saved')
    const stored = await client.call('transcripts.get', { id: jobId })
    expect(stored!.transcript.segments.map((s) => s.text)).toEqual(
      before.segments.map((s) => s.text)
    )
    expect((await downloadSrt()).replace(/\s+/g, ' ')).toContain(oldText)
  })
})
