// Issue 24 #2 in the browser host: Settings → Whisper models imports a model file (uploaded, since
// a browser has no paths) and deletes it again; the Transcribe page's engine is ready as soon as
// the model is installed, offers it in the Model box, and speaks of buttons, not commands.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAST_EMPTY_MODEL, writeEmptyWhisperModel } from '../../support/emptyWhisperModel'
import { makeSpeakerModels } from '../../support/speakerModels'
import { openUi, type UiSession } from './uiHarness'
import { screenshotsOf } from './screens'

// One host and browser for the file: each test installs and deletes its own model.
let ui: UiSession

beforeAll(async () => {
  ui = await openUi()
})
afterAll(async () => {
  await ui?.close()
})

describe('Models in the app', () => {
  it('imports a model file by upload, makes whisper ready at once, and deletes it', async () => {
    const { page, host } = ui
    await page.locator('#job-engine').selectOption('whisper')
    expect(await page.locator('#job-engine option:checked').innerText()).toBe(
      'whisper (no model yet)'
    )
    const noModelHint = await page.locator('.choices').innerText()
    expect(noModelHint).toContain('Import in Settings → Whisper models')
    expect(noModelHint).not.toContain('transcriptor models')

    await page.getByTestId('nav-settings').click()
    const file = writeEmptyWhisperModel(join(ui.scratch, 'ggml-mine.en.bin'), FAST_EMPTY_MODEL)
    await page.getByTestId('model-import-input').setInputFiles(file)
    await expect
      .poll(() => page.getByTestId('model-import-result').innerText())
      .toBe('Imported mine.en')
    const row = page.getByTestId('model-mine.en')
    expect(await row.innerText()).toContain('imported')
    expect(existsSync(join(host.dataDir, 'models', 'ggml-mine.en.bin'))).toBe(true)
    // The uploaded copy went once imported: one model file on disk, not two.
    const uploads = join(host.dataDir, 'uploads')
    expect(existsSync(uploads) ? readdirSync(uploads) : []).toEqual([])
    await page.locator('#models-heading').scrollIntoViewIfNeeded()
    await screenshotsOf(page, 'settings-models')

    await page.getByTestId('nav-transcribe').click()
    expect(await page.locator('#job-engine option:checked').innerText()).toBe('whisper')
    expect(await page.locator('#job-model').inputValue()).toBe('mine.en')

    await page.getByTestId('nav-settings').click()
    await row.getByRole('button', { name: 'Delete' }).click()
    await expect.poll(() => row.count()).toBe(0)
    expect(existsSync(join(host.dataDir, 'models', 'ggml-mine.en.bin'))).toBe(false)
    await page.getByTestId('nav-transcribe').click()
    await expect
      .poll(() => page.locator('#job-engine option:checked').innerText())
      .toBe('whisper (no model yet)')
  })

  it('lists speech detection and speaker models by kind; imports one by upload and deletes it', async () => {
    const { page, host } = ui
    const made = makeSpeakerModels(join(ui.scratch, 'made'))
    await page.getByTestId('nav-settings').click()
    const segmentation = page.getByTestId('kind-models-segmentation')
    // The catalog's rows, with their licence; none installed yet. Silero can be downloaded here.
    expect(await segmentation.innerText()).toContain('pyannote-segmentation-3.0')
    expect(await segmentation.innerText()).toContain('MIT')
    const silero = page.getByTestId('kind-model-vad-silero-v6.2.0')
    expect(await silero.getByRole('button', { name: 'Download' }).count()).toBe(1)

    // A wrong file is refused with one line; the right one is installed where the pipeline looks.
    await page.getByTestId('model-import-input-segmentation').setInputFiles(made.embedding)
    await expect
      .poll(() => page.getByTestId('model-import-result-segmentation').innerText())
      .toMatch(/^embedding\.onnx: .*not a segmentation model/)
    await page.getByTestId('model-import-input-segmentation').setInputFiles(made.segmentation)
    await expect
      .poll(() => page.getByTestId('model-import-result-segmentation').innerText())
      .toBe('Imported segmentation')
    const row = page.getByTestId('kind-model-segmentation-segmentation')
    expect(await row.innerText()).toContain('Installed')
    const onDisk = join(host.dataDir, 'models', 'segmentation', 'segmentation.onnx')
    expect(existsSync(onDisk)).toBe(true)
    await segmentation.scrollIntoViewIfNeeded()
    await screenshotsOf(page, 'settings-kind-models')

    await row.getByRole('button', { name: 'Delete segmentation' }).click()
    await expect.poll(() => row.count()).toBe(0)
    expect(existsSync(onDisk)).toBe(false)
  })
})
