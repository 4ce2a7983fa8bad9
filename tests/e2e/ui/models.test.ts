// Whisper models in the UI: a mirror saved in Settings is where downloads come from; with whisper
// chosen and no model installed, the Transcribe page offers the recommended model in one click;
// the download shows live progress, keeps going when the user leaves the page (the Settings page's
// Models section shows the same download), is verified, and the model then appears in the
// Transcribe page's model picker; Settings downloads another listed model the same way. The models
// come from a loopback mirror with its own catalog file. The recommended one is throttled so the
// progress can be seen, until the test has seen it move on both pages; then it is let through.
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emptyWhisperModelBytes, FAST_EMPTY_MODEL } from '../../support/emptyWhisperModel'
import { startModelServer, type ModelServer, type ServedFile } from '../../support/modelServer'
import { openUi, screenshot, type UiSession } from './uiHarness'

const model = emptyWhisperModelBytes(FAST_EMPTY_MODEL)
const sha1 = createHash('sha1').update(model).digest('hex')
const kib = (model.length / 1024).toFixed(0)
// ~65 kB at 6 kB/s: ten seconds of visible progress at most (the server reads the rate per piece).
const recommended: ServedFile = { body: model, bytesPerSecond: 6_000 }
let mirror: ModelServer
let dir: string
let ui: UiSession

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-ui-models-'))
  mirror = await startModelServer({
    '/ggml-base.en.bin': recommended,
    '/ggml-small.en.bin': { body: model }
  })
  writeFileSync(
    join(dir, 'catalog.tsv'),
    `name\tsize\tsha1\nbase.en\t${kib} KiB\t${sha1}\nsmall.en\t${kib} KiB\t${sha1}\ntiny\t75 MiB\tbd577a113a864445d4c299885e0cb97d4ba92b5f\n`
  )
  // No TRANSCRIPTOR_MODEL_BASE_URL: it would win over the setting.
  ui = await openUi({ env: { TRANSCRIPTOR_MODEL_CATALOG: join(dir, 'catalog.tsv') } })
})
afterAll(async () => {
  await ui?.close()
  await mirror?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('Models', () => {
  it('a mirror saved in Settings is where downloads come from', async () => {
    const { page } = ui
    await page.getByTestId('nav-settings').click()
    await expect.poll(() => page.getByText(/· from https:\/\/huggingface\.co\//).count()).toBe(1)
    const field = page.getByTestId('settings-modelBaseUrl')
    await field.fill('ftp://mirror.example/models')
    await expect
      .poll(() => page.getByTestId('error-settings-modelBaseUrl').innerText())
      .toMatch(/must be an http\(s\) URL or empty/)
    expect(await page.getByTestId('settings-save').isDisabled()).toBe(true)
    await field.fill(mirror.base)
    await page.getByTestId('settings-save').click()
    await expect.poll(() => page.getByTestId('settings-result').innerText()).toMatch(/Saved/)
    await expect.poll(() => page.getByText(`· from ${mirror.base}`).count()).toBe(1)
    await page.getByTestId('nav-transcribe').click()
  })

  it('offers the recommended model, downloads it with live progress across pages, then lists it', async () => {
    const { page, host } = ui
    await page.locator('#job-engine').selectOption('whisper')
    const offer = page.getByRole('button', { name: /Download base\.en \(.*recommended\)/ })
    await offer.click()
    const progress = page.getByTestId('download-base.en')
    await progress.waitFor()
    await expect
      .poll(async () => (await progress.innerText()).match(/(\d+) %/)?.[1] ?? '0', {
        timeout: 20_000
      })
      .not.toBe('0')
    await screenshot(page, 'models-offer-progress')

    // Leaving the page does not cancel the download: Settings shows the same one, still moving.
    await page.getByTestId('nav-settings').click()
    const row = page.getByTestId('model-base.en')
    await row.getByTestId('download-base.en').waitFor()
    const first = await row.innerText()
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).not.toBe(first)
    expect(await page.getByText('leaving this page does not cancel them').count()).toBe(1)
    await screenshot(page, 'models-settings-progress')

    // Seen moving on both pages: the rest of the body comes at full speed.
    delete recommended.bytesPerSecond
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toMatch(/Installed/)
    expect(existsSync(join(host.dataDir, 'models', 'ggml-base.en.bin'))).toBe(true)
    expect(existsSync(join(host.dataDir, 'models', 'ggml-base.en.bin.part'))).toBe(false)
    expect(mirror.ranges('/ggml-base.en.bin').length).toBeGreaterThan(0)
    await screenshot(page, 'models-installed')

    await page.getByTestId('nav-transcribe').click()
    await page.locator('#job-engine').selectOption('whisper')
    await expect.poll(() => page.locator('#job-model option').count()).toBe(1)
    expect(await page.locator('#job-model').inputValue()).toBe('base.en')
    expect(await page.getByRole('button', { name: /Download base\.en/ }).count()).toBe(0)
  })

  it("Settings' Download button fetches a listed model from the saved mirror", async () => {
    const { page, host } = ui
    await page.getByTestId('nav-settings').click()
    const row = page.getByTestId('model-small.en')
    await row.getByRole('button', { name: 'Download' }).click()
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toMatch(/Installed/)
    expect(existsSync(join(host.dataDir, 'models', 'ggml-small.en.bin'))).toBe(true)
    expect(mirror.ranges('/ggml-small.en.bin').length).toBeGreaterThan(0)
    await screenshot(page, 'models-mirror-installed')
  })
})
