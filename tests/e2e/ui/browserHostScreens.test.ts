// Issue 24 #8 and #9 in Chromium against the browser host. Endpoints: a URL typed without a scheme
// is read as http:// (said under the field), Edit changes a saved one in place, Disable keeps it
// marked. Outputs: the browser host offers Download and Copy path where the Electron app offers
// Open and Reveal (which cannot work from a browser), on the job page and in History.
// One host and browser for the file: the two tests touch different screens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CLIP_LEISURE,
  openUi,
  pickFiles,
  queuedJobId,
  waitForQueueStatus,
  type UiSession,
  downloadedBytes
} from './uiHarness'
import { screenshotsOf } from './screens'

let ui: UiSession

beforeAll(async () => {
  ui = await openUi()
})
afterAll(async () => {
  await ui?.close()
})

describe('Browser host: endpoints and outputs', () => {
  it('endpoints: scheme-less URL understood, edited in place, disabled without removing', async () => {
    const { page, client } = ui
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('endpoint-url').fill('gpu-box:8000')
    await expect
      .poll(() => page.locator('.endpoint-form').first().innerText())
      .toContain('no scheme given: read as http://gpu-box:8000')
    await page.getByTestId('endpoint-key').fill('sk-first')
    await page.getByTestId('endpoint-add').click()
    const row = page.getByTestId('endpoint-row')
    await expect.poll(() => row.innerText()).toContain('gpu-box:8000')
    const [saved] = await client.call('endpoints.list', {})
    expect(saved).toMatchObject({ baseUrl: 'http://gpu-box:8000', hasKey: true, enabled: true })

    await row.getByTestId('endpoint-edit').click()
    const prefix = `endpoint-edit-${saved.id}`
    await page.getByTestId(`${prefix}-model`).fill('large-v3')
    await page.getByTestId(`${prefix}-key`).fill('sk-second')
    await page.getByTestId(`${prefix}-save`).click()
    await expect.poll(() => row.innerText()).toContain('model large-v3')
    await row.getByTestId('endpoint-toggle').click()
    await expect.poll(() => row.innerText()).toContain('disabled: no job uses it')
    const [after] = await client.call('endpoints.list', {})
    expect(after).toMatchObject({ id: saved.id, model: 'large-v3', hasKey: true, enabled: false })
    await page.locator('#endpoints-title').scrollIntoViewIfNeeded()
    await screenshotsOf(page, 'settings-endpoints-edit')
  })

  it('outputs: Download and Copy path instead of Open and Reveal', async () => {
    const { page } = ui
    await page.getByTestId('nav-transcribe').click()
    await pickFiles(page, [CLIP_LEISURE])
    const id = await queuedJobId(page, '0870')
    await waitForQueueStatus(page, id, 'completed')
    await page.locator(`[data-testid="queue-row-${id}"] a`).click()
    // The files sit with the diagnostics, folded under the transcript of a completed job.
    await page.getByTestId('diagnostics-toggle').click()
    const buttons = page.getByTestId('output-buttons')
    await buttons.waitFor()
    expect(await buttons.getByRole('button', { name: /^(Open|Reveal) / }).count()).toBe(0)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      buttons.getByRole('button', { name: 'Download .txt' }).click()
    ])
    expect(download.suggestedFilename()).toMatch(/0870\.txt$/)
    const saved = (await downloadedBytes(download)).toString('utf8')
    expect(saved.toLowerCase()).toMatch(/leisure|consider|power/)

    await buttons.getByRole('button', { name: 'Copy path .txt' }).click()
    await expect
      .poll(() => page.getByText(/transcribe_job|outputs\/\d+\/.*\.txt/).count())
      .toBeGreaterThan(0)
    await screenshotsOf(page, 'job-outputs-browser-host')

    await page.getByTestId('nav-history').click()
    const historyRow = page.getByTestId(`history-row-${id}`)
    await historyRow.waitFor()
    expect(await historyRow.getByRole('button', { name: 'Reveal' }).count()).toBe(0)
    expect(await historyRow.getByRole('button', { name: 'Copy path' }).count()).toBe(1)
  })
})
