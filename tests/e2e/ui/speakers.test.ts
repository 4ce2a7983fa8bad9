// Speakers on the job page, in Chromium against the browser host: a finished interview with two
// speakers (seeded as the pipeline will leave it: files on disk, one embedding per speaker, then
// the runner's real completion step). Talk times and the filter show; a rename is one edit that
// reaches the downloaded SRT, VTT and DOCX and the files on disk; a voice remembered here names
// the same voice in a job that completes afterwards. Screenshots light/dark, 1280×800 and 800×600.
// A running job with speakers (the synthetic models of tests/support/speakerModels, ten minutes
// whose chunks a loopback server answers at once) says "Finding speakers" while its speaker worker
// runs, which is after its chunks, and then completes.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jobOptionsIn, type OutputFiles } from '@shared/domain'
import { openStore, type Store } from '../../../src/main/core/openDataDir'
import { completeSpeakerJob, voiceVector } from '../../support/speakerSeed'
import { makeSpeakerModels } from '../../support/speakerModels'
import { startFixedWordsServer } from '../../support/fixedWordsServer'
import {
  CLIP_LEISURE,
  makeLongAudio,
  openUi,
  screenshot,
  type UiSession,
  downloadedBytes
} from './uiHarness'
import { screenshotsOf } from './screens'

const AXE_SOURCE = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8')

let ui: UiSession
let store: Store
let first: { id: number; outputs: OutputFiles }
let outDir: string

beforeAll(async () => {
  ui = await openUi()
  outDir = join(ui.scratch, 'out')
  // A second connection to the host's database, as another process of the app would open it.
  store = openStore(ui.host.dataDir)
  first = completeSpeakerJob(store, {
    filename: 'interview.wav',
    outDir,
    formats: ['txt', 'srt', 'vtt', 'json'],
    embeddings: { S1: voiceVector(0), S2: voiceVector(1) }
  })
  copyFileSync(CLIP_LEISURE, join(outDir, 'interview.wav'))
  await openJob(first.id)
}, 120_000)

afterAll(async () => {
  store?.close()
  await ui?.close()
})

async function openJob(id: number): Promise<void> {
  await ui.page.goto(`${ui.host.url.split('#')[0]}#/job/${id}`)
  await ui.page.getByTestId('speakers').waitFor()
}

async function download(format: string): Promise<Buffer> {
  const { page } = ui
  await page.getByTestId('export-format').selectOption(format)
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download').click()
  ])
  expect(file.suggestedFilename()).toBe(`interview.${format}`)
  return downloadedBytes(file)
}

const onDisk = (format: 'txt' | 'srt' | 'vtt' | 'json'): string =>
  readFileSync(first.outputs[format] as string, 'utf8')

describe('speakers on the job page', () => {
  it('shows each speaker with talk time, labels every segment, and filters by speaker', async () => {
    const { page } = ui
    expect(await page.getByTestId('speaker-talk-S1').innerText()).toMatch(
      /^0:0\d · \d+ % · 2 segments$/
    )
    expect(await page.getByTestId('speaker-talk-S2').innerText()).toMatch(/· 2 segments$/)
    expect(await page.getByTestId('segment-speaker-1').inputValue()).toBe('S2')
    expect(await page.locator('[data-testid^="segment-text-"]').count()).toBe(4)
    await page.getByTestId('speaker-filter').selectOption('S2')
    await expect.poll(() => page.locator('[data-testid^="segment-text-"]').count()).toBe(2)
    expect(await page.getByTestId('segment-text-0').count()).toBe(0)
    await page.getByTestId('speaker-filter').selectOption('')
    await expect.poll(() => page.locator('[data-testid^="segment-text-"]').count()).toBe(4)
  })

  it('renames a speaker once: every segment, the downloads and the files on disk follow', async () => {
    const { page } = ui
    await page.getByTestId('speaker-rename-S2').click()
    await page.getByTestId('speaker-name-input-S2').fill('Dr Ann Lee')
    await page.getByTestId('speaker-name-input-S2').press('Enter')
    await expect
      .poll(() => page.getByTestId('transcript-save-state').getAttribute('data-state'))
      .toBe('saved')
    for (const i of [1, 2])
      expect(
        await page.locator(`[data-testid="segment-speaker-${i}"] option:checked`).innerText()
      ).toBe('Dr Ann Lee')
    expect((await download('srt')).toString()).toContain('Dr Ann Lee: Thank you for having me.')
    expect((await download('vtt')).toString()).toContain('<v Dr Ann Lee>Thank you for having me.')
    const docx = unzipSync(new Uint8Array(await download('docx')))
    const body = new TextDecoder().decode(docx['word/document.xml'])
    expect(body).toContain('Dr Ann Lee: ')
    expect(onDisk('srt')).toContain('Dr Ann Lee: Thank you for having me.')
    expect(onDisk('vtt')).toContain('<v Dr Ann Lee>')
    expect(onDisk('txt')).toContain('Dr Ann Lee: Thank you for having me. It is a real pleasure.')
    expect(JSON.parse(onDisk('json')).speakers[1]).toEqual({ id: 'S2', name: 'Dr Ann Lee' })
  })

  it("History's search finds the job by the speaker's new name", async () => {
    const { page } = ui
    await page.getByTestId('nav-history').click()
    await page.getByLabel('Search jobs').fill('ann lee')
    // The row is there before the search answers: wait for the matching line, not the row.
    await expect
      .poll(() => page.getByTestId(`history-row-${first.id}`).innerText())
      .toContain('Dr Ann Lee')
    await page.getByLabel('Search jobs').fill('')
    await openJob(first.id)
  })

  it('merges, moves a segment, and undoes both', async () => {
    const { page } = ui
    await page.getByTestId('segment-speaker-2').selectOption('S1')
    await expect.poll(() => page.getByTestId('speaker-talk-S1').innerText()).toMatch(/3 segments$/)
    await page.getByTestId('speaker-merge-S2').selectOption('S1')
    await expect.poll(() => page.getByTestId('speaker-row-S2').count()).toBe(0)
    await page.getByTestId('undo-edit').click()
    await page.getByTestId('undo-edit').click()
    await expect.poll(() => page.getByTestId('speaker-talk-S2').innerText()).toMatch(/2 segments$/)
    await expect
      .poll(() => page.getByTestId('transcript-save-state').getAttribute('data-state'))
      .toBe('saved')
    expect(onDisk('srt')).toContain('Dr Ann Lee: Thank you for having me.')
  })

  it('looks right and passes axe (contrast included), light and dark, 1280×800 and 800×600', async () => {
    const { page } = ui
    for (const size of [
      { width: 1280, height: 800 },
      { width: 800, height: 600 }
    ]) {
      await page.setViewportSize(size)
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme })
        await screenshot(page, `speakers-job-${size.width}x${size.height}-${theme}`)
        if (size.width === 1280) expect(await contrastViolations()).toEqual([])
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 })
  })

  it('remembers a voice; a job completing later names the same voice after it', async () => {
    const { page } = ui
    await page.getByTestId('speaker-remember-S2').click()
    await expect
      .poll(() => page.getByTestId('speaker-remembered-S2').innerText())
      .toBe('Remembered as “Dr Ann Lee”')
    const second = completeSpeakerJob(store, {
      filename: 'follow-up.wav',
      outDir,
      // Her voice again (cosine 0.955 to the remembered one), now first to speak; and a newcomer.
      embeddings: { S1: voiceVector(1, 2, 0.3), S2: voiceVector(5) }
    })
    await openJob(second.id)
    expect(await page.getByTestId('speaker-name-S1').innerText()).toBe('Dr Ann Lee')
    expect(await page.getByTestId('speaker-name-S2').innerText()).toBe('Speaker 2')
    expect(readFileSync(second.outputs.srt as string, 'utf8')).toContain('Dr Ann Lee: Good morning')

    // Her name again from this job: the saved voice is replaced only once the user says so.
    const [saved] = await ui.client.call('voices.list', {})
    await page.getByTestId('speaker-remember-S1').click()
    const dialog = page.getByRole('dialog', { name: 'Replace the saved voice “Dr Ann Lee”?' })
    await dialog.waitFor()
    await page.getByTestId('cancel-button').click()
    await dialog.waitFor({ state: 'detached' })
    expect(await ui.client.call('voices.list', {})).toEqual([saved])
    expect(await page.getByTestId('speaker-remembered-S1').count()).toBe(0)
    // Replaced from where it was first heard (so the voice stays the one the next test matches).
    await openJob(first.id)
    await page.getByTestId('speaker-remember-S2').click()
    await page.getByTestId('confirm-button').click()
    await dialog.waitFor({ state: 'detached' })
    await expect
      .poll(async () => (await ui.client.call('voices.list', {})).map((v) => [v.name, v.id]))
      .toEqual([['Dr Ann Lee', expect.any(Number)]])
  })
})

describe('Settings → Voices', () => {
  it('lists, renames and deletes saved voices; the threshold there decides later matches', async () => {
    const { page, client } = ui
    await page.getByTestId('nav-settings').click()
    const [voice] = await client.call('voices.list', {})
    await page.getByTestId(`voice-name-${voice.id}`).waitFor()
    expect(await page.getByTestId(`voice-name-${voice.id}`).innerText()).toBe('Dr Ann Lee')
    await page.getByTestId(`voice-rename-${voice.id}`).click()
    await page.getByTestId(`voice-name-input-${voice.id}`).fill('Ann Lee')
    await page.getByTestId(`voice-name-input-${voice.id}`).press('Enter')
    await expect.poll(() => page.getByTestId(`voice-name-${voice.id}`).innerText()).toBe('Ann Lee')

    // Stricter than her voice heard again (0.955): the next job keeps "Speaker 1".
    await page.getByTestId('settings-voiceMatchThreshold').fill('0.99')
    await page.getByTestId('settings-save').click()
    await expect
      .poll(async () => (await client.call('settings.get', {})).voiceMatchThreshold)
      .toBe(0.99)
    await screenshot(page, 'speakers-settings-voices')
    const strict = completeSpeakerJob(store, {
      filename: 'strict.wav',
      outDir,
      embeddings: { S1: voiceVector(1, 2, 0.3), S2: voiceVector(5) }
    })
    expect(store.transcripts.original(strict.id)?.speakers?.[0].name).toBe('Speaker 1')

    await page.getByTestId(`voice-delete-${voice.id}`).click()
    await page.getByTestId(`voice-delete-confirm-${voice.id}`).click()
    await expect.poll(() => page.getByTestId(`voice-row-${voice.id}`).count()).toBe(0)
    expect(await client.call('voices.list', {})).toEqual([])
  })
})

describe('a running job with speakers', () => {
  it('says "Finding speakers" while its speaker worker runs, once its chunks are done, then completes', async () => {
    const { page, client, host } = ui
    const made = makeSpeakerModels(join(ui.scratch, 'speaker-models'))
    for (const kind of ['segmentation', 'embedding'] as const) {
      mkdirSync(join(host.dataDir, 'models', kind), { recursive: true })
      copyFileSync(made[kind], join(host.dataDir, 'models', kind, `${kind}.onnx`))
    }
    const server = await startFixedWordsServer(['one', 'two', 'three'])
    const saved = await client.call('endpoints.add', {
      baseUrl: server.url,
      model: 'fixed',
      concurrency: 1
    })
    try {
      const options = {
        ...jobOptionsIn(await client.call('settings.get', {})),
        engine: 'openai' as const,
        speakers: 'auto' as const,
        chunkSeconds: 240
      }
      // About ten minutes: three chunks the server answers at once (several requests, so the
      // speakers are found here: pipeline/speakerSource.ts), then seconds of finding speakers.
      const audio = makeLongAudio(ui.scratch, 70)
      const { created } = await client.call('jobs.create', { paths: [audio], options })
      const id = created[0].id
      await page.goto(`${host.url.split('#')[0]}#/job/${id}`)
      const phase = page.getByTestId('job-phase')
      await expect
        .poll(() => phase.innerText(), { timeout: 60_000 })
        .toMatch(/^· Finding speakers: \d+%/)
      await screenshotsOf(page, 'speakers-running-job')
      await expect
        .poll(async () => (await client.call('jobs.get', { id }))?.status, { timeout: 120_000 })
        .toBe('completed')
    } finally {
      await client.call('endpoints.remove', { id: saved.id })
      await server.close()
    }
  })
})

/** axe's serious and critical findings (contrast included) in the transcript workspace. */
async function contrastViolations(): Promise<string[]> {
  const { page } = ui
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE)
  return (await page.evaluate(`window.axe
    .run(document.querySelector('.transcript-workspace'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((r) => r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => v.id + ' ' + n.target.join(' '))))`)) as string[]
}
