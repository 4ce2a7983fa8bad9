// Leaving the page that started a job stops it, so the app asks first: Stay, Stop them and leave,
// or Keep them running; each answer does what it says. A reload asks through the browser's prompt,
// and afterwards the queue still shows every job that is running. One browser for the whole file.
import { mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { distinctCopy } from '../../support/distinctCopy'
import { waitFor } from '../../support/host'
import { makeLongAudio, openUi, pickFiles, screenshot, type UiSession } from './uiHarness'

let ui: UiSession
let longAudio: string

beforeAll(async () => {
  ui = await openUi()
  longAudio = makeLongAudio(ui.scratch)
  // Several jobs may run side by side in this file; one process each keeps the machine calm.
  // A heartbeat each second: "still running" is seen a second later, not five.
  const settings = await ui.client.call('settings.get', {})
  await ui.client.call('settings.set', {
    settings: { ...settings, concurrentJobs: 3, processes: 1, heartbeatIntervalSeconds: 1 }
  })
  await ui.page.reload()
  await ui.page.getByTestId('drop-zone').waitFor()
})

afterAll(async () => {
  for (const job of await ui.client.call('jobs.list', {})) {
    if (job.status === 'processing' || job.status === 'queued')
      await ui.client.call('jobs.stop', { id: job.id })
  }
  await ui.close()
})

let started = 0
/** A long job of its own content (one kept running meanwhile would have the next one wait for
 * it as its twin), under the same name. */
async function startLongJob(): Promise<number> {
  const known = new Set((await ui.client.call('jobs.list', {})).map((j) => j.id))
  const folder = join(ui.scratch, `run-${++started}`)
  mkdirSync(folder)
  await pickFiles(ui.page, [distinctCopy(longAudio, join(folder, basename(longAudio)), started)])
  const id = await waitFor(async () => {
    const jobs = await ui.client.call('jobs.list', {})
    return jobs.find((j) => !known.has(j.id))?.id
  }, 'the new job')
  await ui.page.getByTestId(`queue-row-${id}`).waitFor()
  await waitFor(
    async () => (await ui.client.call('jobs.get', { id }))?.status === 'processing',
    `job ${id} to be processing`,
    60_000
  )
  return id
}

/** Still running a while later, and making progress (not merely not-yet-stopped). */
async function expectStillRunning(id: number): Promise<void> {
  const before = await ui.client.call('jobs.get', { id })
  expect(before?.status).toBe('processing')
  await waitFor(
    async () => {
      const now = await ui.client.call('jobs.get', { id })
      if (now?.status !== 'processing') throw new Error(`status became ${now?.status}`)
      return now.last_heartbeat !== before?.last_heartbeat || now.progress > (before?.progress ?? 0)
    },
    `job ${id} to keep running`,
    60_000
  )
}

async function backToTranscribe(): Promise<void> {
  await ui.page.getByTestId('nav-transcribe').click()
  await ui.page.getByTestId('drop-zone').waitFor()
}

describe('leaving a page with running jobs', () => {
  it('asks first; Esc (Stay) keeps the user and the job where they are', async () => {
    const { page, client } = ui
    const id = await startLongJob()
    await page.getByTestId('nav-history').click()
    const dialog = page.getByTestId('leave-dialog')
    await dialog.waitFor()
    expect(await dialog.innerText()).toMatch(/1 job is running/)
    // Focus starts on Stay and Tab cycles inside the dialog. The dialog opens from a hashchange,
    // not a click: React may paint it a task before its effect moves the focus.
    const focused = (): Promise<unknown> => page.evaluate('document.activeElement?.dataset.testid')
    await expect.poll(focused).toBe('leave-stay')
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab')
    expect(await focused()).toBe('leave-stay')
    await screenshot(page, '20-leave-dialog')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(page.url()).toMatch(/#\/transcribe$|\/\?token=[^#]*$/)
    await page.getByTestId('drop-zone').waitFor()
    await expectStillRunning(id)
    expect((await client.call('jobs.get', { id }))?.keep_in_background).toBe(0)
    await client.call('jobs.stop', { id })
  })

  it('"Stop them and leave" stops the job and the notice says which and why', async () => {
    const { page, client } = ui
    const id = await startLongJob()
    await page.getByTestId('nav-history').click()
    await page.getByTestId('leave-stop').click()
    const notice = page.getByTestId('notice-stopped')
    await notice.waitFor({ timeout: 30_000 })
    const text = await notice.innerText()
    expect(text).toContain('long-reading.wav')
    expect(text).toContain(`#${id}`)
    const row = await client.call('jobs.get', { id })
    expect(row?.status).toBe('cancelled')
    expect(text).toContain(row?.cancel_reason ?? '<no reason>')
    await expect.poll(() => page.getByTestId(`history-status-${id}`).innerText()).toBe('cancelled')
    await screenshot(page, '10-history-after-leaving')
    await page
      .getByRole('button', { name: /dismiss/i })
      .first()
      .click()
      .catch(() => undefined)
    await backToTranscribe()
  })

  it('"Keep them running" leaves, and the job goes on in the background', async () => {
    const { page, client } = ui
    const id = await startLongJob()
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('leave-keep').click()
    await page.getByTestId('settings-save').waitFor()
    expect((await client.call('jobs.get', { id }))?.keep_in_background).toBe(1)
    await expectStillRunning(id)
    expect(await page.getByTestId('notice-stopped').count()).toBe(0)
    await backToTranscribe()
  })

  it('a reload asks through the browser; the reloaded page says which job it stopped and shows the kept one running', async () => {
    const { page, client } = ui
    const kept = (await client.call('jobs.list', {})).find(
      (j) => j.status === 'processing' && j.keep_in_background === 1
    )
    expect(kept).toBeDefined()
    const id = await startLongJob()
    const prompts: string[] = []
    page.on('dialog', (d) => {
      prompts.push(d.type())
      void d.accept()
    })
    await page.getByRole('heading', { name: 'Transcribe' }).click() // a user gesture on the page
    await page.reload()
    await page.getByTestId('drop-zone').waitFor()
    expect(prompts).toEqual(['beforeunload'])
    await waitFor(
      async () => (await client.call('jobs.get', { id }))?.status === 'cancelled',
      'the reloaded page to stop its job'
    )
    // The browser's prompt cannot name the job; the page after the reload does.
    const notice = page.getByTestId('notice-stopped')
    await expect.poll(() => notice.innerText()).toContain(`(#${id}): the page that started it`)
    expect(await notice.innerText()).not.toContain(`(#${kept?.id})`)
    await page.getByTestId(`queue-row-${kept?.id}`).waitFor()
    expect(await page.getByTestId(`queue-row-${kept?.id}`).getAttribute('data-status')).toBe(
      'processing'
    )
    await client.call('jobs.stop', { id: kept?.id ?? 0 })
  })

  it('"Keep running in background" chosen before the drop: leaving asks nothing and stops nothing', async () => {
    const { page } = ui
    await page.getByTestId('keep-new-jobs').check()
    const id = await startLongJob()
    expect((await ui.client.call('jobs.get', { id }))?.keep_in_background).toBe(1)
    await page.getByTestId('nav-history').click()
    await page.getByTestId(`history-row-${id}`).waitFor()
    expect(await page.getByTestId('leave-dialog').count()).toBe(0)
    await expectStillRunning(id)
  })

  it('unsaved Settings ask before they are lost; messages are in plain words', async () => {
    const { page } = ui
    await page.getByTestId('nav-settings').click()
    const processes = page.getByLabel('Processes', { exact: true })
    const error = (): Promise<string> => page.getByTestId('error-settings-processes').innerText()
    await processes.fill('0')
    await expect.poll(error).toBe('use 1 or more')
    await processes.fill('')
    // The same element, its text replaced: read it again until it changes, not once.
    await expect.poll(error).toBe('enter a number')
    await processes.fill('3')
    await page.getByTestId('nav-history').click()
    await page.getByRole('dialog', { name: 'Discard unsaved changes?' }).waitFor()
    await page.keyboard.press('Escape')
    expect(await processes.inputValue()).toBe('3')
    await page.getByTestId('nav-history').click()
    await page.getByTestId('confirm-button').click()
    await page.getByTestId('history-table').waitFor()
  })
})
