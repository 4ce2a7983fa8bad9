// Leaving the page that started a job stops it (and says so); keep-in-background and the
// Settings switch keep it running.
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../../support/host'
import {
  makeLongAudio,
  openUi,
  pickFiles,
  queuedJobId,
  screenshot,
  type UiSession
} from './uiHarness'

let ui: UiSession | undefined
afterEach(async () => {
  await ui?.close()
  ui = undefined
})

async function startLongJob(session: UiSession): Promise<number> {
  await pickFiles(session.page, [makeLongAudio(session.scratch)])
  const id = await queuedJobId(session.page, 'long-reading')
  await waitFor(
    async () => (await session.client.call('jobs.get', { id }))?.status === 'processing',
    `job ${id} to be processing`,
    60_000
  )
  return id
}

/** Still running a while later, and making progress (not merely not-yet-stopped). */
async function expectStillRunning(session: UiSession, id: number): Promise<void> {
  const before = await session.client.call('jobs.get', { id })
  expect(before?.status).toBe('processing')
  await waitFor(
    async () => {
      const now = await session.client.call('jobs.get', { id })
      if (now?.status !== 'processing') throw new Error(`status became ${now?.status}`)
      return now.last_heartbeat !== before?.last_heartbeat || now.progress > (before?.progress ?? 0)
    },
    `job ${id} to keep running`,
    60_000
  )
}

describe('leaving a page', () => {
  it('going to History while a job runs stops it and the notice says which and why', async () => {
    ui = await openUi()
    const { page, client } = ui
    const id = await startLongJob(ui)
    await page.getByTestId('nav-history').click()
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
  })

  it('a job kept in background keeps running when the user leaves', async () => {
    ui = await openUi()
    const { page, client } = ui
    const id = await startLongJob(ui)
    await page.locator(`[data-testid="queue-row-${id}"] a`).click()
    await page.getByTestId('keep-in-background').check()
    await waitFor(
      async () => (await client.call('jobs.get', { id }))?.keep_in_background === 1,
      'keep flag saved'
    )
    await page.getByTestId('nav-history').click()
    await page.getByTestId(`history-row-${id}`).waitFor()
    await expectStillRunning(ui, id)
    expect(await page.getByTestId('notice-stopped').count()).toBe(0)
    await client.call('jobs.stop', { id })
  })

  it('with automatic stop turned off in Settings, leaving keeps jobs running', async () => {
    ui = await openUi()
    const { page, client } = ui
    const settings = await client.call('settings.get', {})
    await client.call('settings.set', { settings: { ...settings, autoStopOnLeave: false } })
    await page.reload()
    await page.getByTestId('drop-zone').waitFor()
    const id = await startLongJob(ui)
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-save').waitFor()
    await expectStillRunning(ui, id)
    expect(await page.getByTestId('notice-stopped').count()).toBe(0)
    await client.call('jobs.stop', { id })
  })
})
