// History: every job with its status and reason; search and filter; open the transcript in the
// app; retry a stopped job; delete a job with its outputs and log after an in-app confirmation.
import { afterEach, describe, expect, it } from 'vitest'
import { copyFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { waitFor } from '../../support/host'
import {
  CLIP_LEISURE,
  makeLongAudio,
  openUi,
  pickFiles,
  queuedJobId,
  screenshot,
  waitForQueueStatus,
  type UiSession
} from './uiHarness'
import { screenshotsOf } from './screens'

let ui: UiSession | undefined
afterEach(async () => {
  await ui?.close()
  ui = undefined
})

describe('History page', () => {
  it('searches, filters, opens the transcript, retries and deletes with files', async () => {
    ui = await openUi()
    const { page, client } = ui
    await pickFiles(page, [CLIP_LEISURE])
    const done = await queuedJobId(page, '0870')
    await waitForQueueStatus(page, done, 'completed')
    await pickFiles(page, [makeLongAudio(ui.scratch)])
    const long = await queuedJobId(page, 'long-reading')
    await page.locator(`[data-testid="queue-row-${long}"] a`).click()
    await page.getByTestId('stop-button').click()
    await expect.poll(() => page.getByTestId('job-status').innerText()).toBe('cancelled')

    await page.getByTestId('nav-history').click()
    await page.getByTestId(`history-row-${done}`).waitFor()
    await page.getByLabel('Filter by status').selectOption('cancelled')
    await page.getByTestId(`history-row-${done}`).waitFor({ state: 'detached' })
    expect(await page.getByTestId(`history-row-${long}`).innerText()).toMatch(/cancelled/)
    await page.getByLabel('Filter by status').selectOption('')
    await page.getByLabel('Search jobs').fill('0870')
    await page.getByTestId(`history-row-${long}`).waitFor({ state: 'detached' })
    await page.getByLabel('Search jobs').fill('')

    // Retry the stopped job: a new job for the same file appears and runs.
    await page.getByTestId(`history-row-${long}`).getByRole('button', { name: 'Retry' }).click()
    const retried = await waitFor(async () => {
      const jobs = await client.call('jobs.list', {})
      return jobs.find((j) => j.id !== long && j.filename === 'long-reading.wav')
    }, 'the retried job')
    await page.getByTestId(`history-row-${retried.id}`).waitFor()
    await client.call('jobs.stop', { id: retried.id })

    // Delete the completed job: confirm in the app; its outputs and log leave the disk.
    const row = await client.call('jobs.get', { id: done })
    const files = [
      ...Object.values(JSON.parse(row?.output_files ?? '{}') as Record<string, string>),
      row?.log_file_path ?? ''
    ]
    expect(files.length).toBeGreaterThan(1)
    expect(files.every((f) => existsSync(f))).toBe(true)
    await page.getByTestId(`delete-${done}`).click()
    await page.getByRole('dialog').waitFor()
    await screenshot(page, '11-history-confirm-delete')
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
    expect(await client.call('jobs.get', { id: done })).not.toBeNull()
    await page.getByTestId(`delete-${done}`).click()
    await page.getByTestId('confirm-button').click()
    await page.getByTestId(`history-row-${done}`).waitFor({ state: 'detached' })
    expect(await client.call('jobs.get', { id: done })).toBeNull()
    expect(files.filter((f) => existsSync(f))).toEqual([])

    // Open a transcript in the app from History.
    await page.getByTestId('nav-transcribe').click()
    await pickFiles(page, [CLIP_LEISURE])
    const again = await queuedJobId(page, '0870')
    await waitForQueueStatus(page, again, 'completed')
    await page.getByTestId('nav-history').click()
    await page
      .getByTestId(`history-row-${again}`)
      .getByRole('button', { name: 'Open transcript' })
      .click()
    await page.getByTestId('transcript').waitFor()
    expect((await page.getByTestId('transcript').innerText()).toLowerCase()).toContain('leisure')

    // The same recording under another name: linked to that job, not re-run; History and the
    // job page say so, and the earlier job is one click away.
    const copy = join(ui.scratch, 'leisure again.wav')
    copyFileSync(CLIP_LEISURE, copy)
    await page.getByTestId('nav-transcribe').click()
    await pickFiles(page, [copy])
    const linked = await queuedJobId(page, 'leisure again')
    await waitForQueueStatus(page, linked, 'completed')
    expect(await client.call('jobs.get', { id: linked })).toMatchObject({
      linked_job_id: again,
      process_id: null
    })
    await page.getByTestId('nav-history').click()
    const note = page.getByTestId(`linked-${linked}`)
    expect(await note.innerText()).toBe(`Same content as job #${again}: reused, not re-run`)
    await screenshotsOf(page, '11b-history-linked')
    await page
      .getByTestId(`history-row-${linked}`)
      .getByRole('button', { name: 'Open transcript' })
      .click()
    await page.getByTestId('transcript').waitFor()
    expect((await page.getByTestId('transcript').innerText()).toLowerCase()).toContain('leisure')
    expect(await page.getByTestId(`linked-${linked}`).innerText()).toMatch(
      new RegExp(`^Same content as job #${again}: its transcript was reused and exported again`)
    )
    await page.getByTestId(`linked-${linked}`).getByRole('link').click()
    await expect
      .poll(() => page.locator('.job-header h1').innerText())
      .toMatch(new RegExp(`^#${again} `))
  }, 300_000)
})
