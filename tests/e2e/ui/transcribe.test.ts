// Drop files in the real UI, real pocketsphinx jobs on the browser host: both clips complete and
// their words show up; a bad file fails with its reason while the good one completes. One host and
// one browser for the file, two jobs at a time; each test starts on a freshly loaded page (its
// queue lists only the jobs it starts). Where only a job's completing matters, it is one second
// of speech.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { mkdirSync, writeFileSync } from 'node:fs'
import {
  CLIP_LEISURE,
  CLIP_MARRIED,
  dragPathsOntoDropZone,
  dropFiles,
  makeBrokenWav,
  makeShortSpeech,
  openUi,
  pickFiles,
  queuedJobId,
  screenshot,
  waitForQueueStatus,
  type UiSession
} from './uiHarness'
import { screenshotsOf } from './screens'

let ui: UiSession

beforeAll(async () => {
  ui = await openUi()
  const settings = await ui.client.call('settings.get', {})
  await ui.client.call('settings.set', { settings: { ...settings, concurrentJobs: 2 } })
})

afterAll(async () => {
  await ui?.close()
})

beforeEach(async () => {
  await ui.page.goto(ui.host.url)
  await ui.page.getByTestId('drop-zone').waitFor()
})

/** pocketsphinx is not perfect: a clip counts as transcribed when most of these words appear. */
function countWords(text: string, words: string[]): number {
  const lower = text.toLowerCase()
  return words.filter((w) => lower.includes(w)).length
}

describe('Transcribe page', () => {
  it('two dropped LibriVox clips both complete and their transcripts show their words', async () => {
    const { page } = ui
    await screenshot(page, '01-transcribe-empty')
    await pickFiles(page, [CLIP_LEISURE, CLIP_MARRIED])
    const first = await queuedJobId(page, '0870')
    const second = await queuedJobId(page, '0920')
    expect(first).not.toBe(second)
    await waitForQueueStatus(page, first, 'completed')
    await waitForQueueStatus(page, second, 'completed')
    await screenshot(page, '02-transcribe-queue-done')

    await page.locator(`[data-testid="queue-row-${first}"] a`).click()
    await page.getByTestId('transcript').waitFor()
    const firstText = await page.getByTestId('transcript').innerText()
    expect(
      countWords(firstText, ['leisure', 'consider', 'much', 'power', 'might'])
    ).toBeGreaterThanOrEqual(3)
    await expect.poll(() => page.getByTestId('job-status').innerText()).toBe('completed')
    await screenshot(page, '03-job-completed')

    await page.goBack()
    await page.locator(`[data-testid="queue-row-${second}"] a`).click()
    await page.getByTestId('transcript').waitFor()
    const secondText = await page.getByTestId('transcript').innerText()
    expect(
      countWords(secondText, ['married', 'amiable', 'woman', 'respectable', 'might'])
    ).toBeGreaterThanOrEqual(3)

    await page.getByTestId('nav-history').click()
    await page.getByTestId(`history-row-${first}`).waitFor()
    await expect
      .poll(() => page.getByTestId(`history-status-${second}`).innerText())
      .toBe('completed')
    await screenshot(page, '04-history')
  })

  // One test for both ways files arrive, so their two jobs run at the same time.
  it('a real drop event (DataTransfer) and a dragged folder: inline reasons for what is not audio, jobs for the files', async () => {
    const { page } = ui
    const notes = join(ui.scratch, 'meeting-notes.txt')
    writeFileSync(notes, 'not audio\n')
    const speech = makeShortSpeech(ui.scratch, 'dropped-speech.wav')
    await dropFiles(page, [
      { path: speech, type: 'audio/wav' },
      { path: notes, type: 'text/plain' }
    ])
    const rejected = page.getByTestId('rejected-item')
    await rejected.first().waitFor()
    expect(await rejected.allInnerTexts()).toEqual([
      expect.stringMatching(/meeting-notes\.txt.*unsupported file type \.txt/)
    ])
    const dropped = await queuedJobId(page, 'dropped-speech')

    // An OS drag of an empty folder with a file: the next drop's reasons replace the last one's.
    const folder = join(ui.scratch, 'recordings-folder')
    mkdirSync(folder)
    await dragPathsOntoDropZone(page, [
      folder,
      makeShortSpeech(ui.scratch, 'dragged-speech.wav', 1)
    ])
    await expect
      .poll(() => rejected.allInnerTexts())
      .toEqual([expect.stringMatching(/recordings-folder.*: the folder is empty/)])
    const dragged = await queuedJobId(page, 'dragged-speech')
    await waitForQueueStatus(page, dropped, 'completed')
    await waitForQueueStatus(page, dragged, 'completed')
  })

  it('a folder chosen or dragged: asked first with the counts; Cancel adds nothing, Add queues each media file', async () => {
    const { page, client } = ui
    const folder = join(ui.scratch, 'Interviews')
    mkdirSync(join(folder, 'day 2'), { recursive: true })
    makeShortSpeech(join(folder, 'day 2'), 'interview-a.wav')
    makeShortSpeech(join(folder, 'day 2'), 'interview-b.wav')
    writeFileSync(join(folder, 'questions.txt'), 'what did you hear?\n')
    const interviewJobs = async (): Promise<string[]> =>
      (await client.call('jobs.list', {}))
        .map((j) => j.filename)
        .filter((name) => name.startsWith('interview-'))
        .sort()
    const dialog = page.getByTestId('folder-dialog')

    await page.getByTestId('folder-input').setInputFiles(folder)
    await dialog.waitFor()
    expect(await dialog.locator('h2').innerText()).toBe('Add 2 media files from Interviews?')
    expect(await dialog.locator('p').innerText()).toBe(
      '1 other file skipped. Each file becomes its own job.'
    )
    await screenshotsOf(page, 'folder-dialog')
    await page.getByTestId('folder-cancel').click()
    await dialog.waitFor({ state: 'hidden' })
    // Cancel sends nothing: no upload, no job, no line about the folder.
    expect(await interviewJobs()).toEqual([])
    expect(await page.getByTestId('rejected-item').count()).toBe(0)

    // The same folder dragged from the file manager: the page walks its entries.
    await dragPathsOntoDropZone(page, [folder])
    await dialog.waitFor()
    expect(await dialog.locator('h2').innerText()).toBe('Add 2 media files from Interviews?')
    await page.getByTestId('folder-add').click()
    const a = await queuedJobId(page, 'interview-a.wav')
    const b = await queuedJobId(page, 'interview-b.wav')
    expect(a).not.toBe(b)
    expect(await interviewJobs()).toEqual(['interview-a.wav', 'interview-b.wav'])
    expect(await page.getByTestId('rejected-item').count()).toBe(0)

    // A chosen folder with nothing in it says so.
    const empty = join(ui.scratch, 'Empty folder')
    mkdirSync(empty)
    await page.getByTestId('folder-input').setInputFiles(empty)
    await expect
      .poll(() => page.getByTestId('rejected-item').allInnerTexts())
      .toEqual(['The chosen folder: has no files in it'])

    // What Electron asks for a dropped folder's path: the host lists it by `transcribe DIR`'s rule.
    expect(await client.call('files.expandFolder', { path: folder })).toEqual({
      files: [join(folder, 'day 2', 'interview-a.wav'), join(folder, 'day 2', 'interview-b.wav')],
      skipped: 1
    })
  })

  it('a broken file dropped with a good one: the bad one fails with its reason, the good one completes', async () => {
    const { page, client } = ui
    const broken = makeBrokenWav(ui.scratch)
    await pickFiles(page, [broken, makeShortSpeech(ui.scratch, 'good-speech.wav')])
    const bad = await queuedJobId(page, 'broken-recording')
    const good = await queuedJobId(page, 'good-speech')
    await waitForQueueStatus(page, bad, 'failed')
    const reason = await page.getByTestId(`queue-reason-${bad}`).innerText()
    expect(reason.trim().length).toBeGreaterThan(0)
    expect(reason).not.toContain('\n')
    await waitForQueueStatus(page, good, 'completed')
    const row = await client.call('jobs.get', { id: bad })
    expect(row?.status).toBe('failed')
    expect(reason).toContain(row?.error_message ?? '<no error_message>')
    await screenshot(page, '05-transcribe-bad-and-good')
  })
})

describe('Settings page', () => {
  it('shows inline errors, refuses to save invalid values, saves valid ones for new jobs', async () => {
    const { page, client } = ui
    await page.getByTestId('nav-settings').click()
    const processes = page.getByLabel('Processes', { exact: true })
    await processes.fill('0')
    await page.getByTestId('error-settings-processes').waitFor()
    expect(await page.getByTestId('settings-save').isDisabled()).toBe(true)
    await page.getByLabel('Chunk (s)').fill('20')
    await page.getByLabel('Overlap (s)').fill('12')
    await page.getByTestId('error-settings-overlapSeconds').waitFor()
    await screenshot(page, '06-settings-invalid')
    await processes.fill('3')
    await page.getByLabel('Overlap (s)').fill('1')
    await page.getByTestId('settings-autoStopOnLeave').uncheck()
    await page.getByTestId('settings-save').click()
    await expect.poll(() => page.getByTestId('settings-result').innerText()).toMatch(/Saved/)
    const saved = await client.call('settings.get', {})
    expect(saved).toMatchObject({
      processes: 3,
      chunkSeconds: 20,
      overlapSeconds: 1,
      autoStopOnLeave: false
    })
    await screenshot(page, '07-settings-saved')

    // New jobs start from the saved settings.
    await page.getByTestId('nav-transcribe').click()
    expect(await page.getByLabel('Processes', { exact: true }).inputValue()).toBe('3')
    expect(await page.getByLabel('Chunk (s)').inputValue()).toBe('20')
  })
})
