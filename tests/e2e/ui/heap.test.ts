// "No memory leaks after 10 jobs": ten jobs dropped through the UI; the host's live heap (after
// full GC) grows by less than 5 MB between the second and the tenth. Each job is one second of
// real speech: the host does the same work for it (upload, queue, supervision, logs, events,
// transcript and outputs stored) as for a longer one, and pocketsphinx's share is halved.
import { afterEach, describe, expect, it } from 'vitest'
import { hostHeapBytes, makeShortSpeech, openUi, pickFiles, type UiSession } from './uiHarness'

let ui: UiSession | undefined
afterEach(async () => {
  await ui?.close()
  ui = undefined
})

const JOBS = 10
const MAX_GROWTH_BYTES = 5 * 1024 * 1024

describe('ten jobs', () => {
  it('the host heap grows by less than 5 MB after the second job', async () => {
    ui = await openUi()
    const { page, client } = ui
    // Each job its own second of speech: the same bytes with the same choices would be linked to
    // the first transcript instead of run.
    const { scratch } = ui
    const clip = (n: number): string =>
      makeShortSpeech(scratch, `short-speech-${n}.wav`, (n - 1) * 0.3)
    // Two jobs at once (a setting a user has): the ten are dropped one after another without
    // waiting, and run two at a time while the rest wait in the queue.
    const settings = await client.call('settings.get', {})
    await client.call('settings.set', { settings: { ...settings, concurrentJobs: 2 } })
    const rows = page.locator('[data-testid^="queue-row-"]')
    const drop = async (n: number): Promise<void> => {
      await pickFiles(page, [clip(n)])
      await rows.nth(n - 1).waitFor()
    }
    const statuses = (): Promise<(string | null)[]> =>
      rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-status')))
    const running = rows.and(page.locator('[data-status="queued"], [data-status="processing"]'))
    // The first two, and nothing running when the heap is read.
    for (let n = 1; n <= 2; n++) await drop(n)
    await running.first().waitFor({ state: 'detached', timeout: 150_000 })
    expect(await statuses()).toEqual(['completed', 'completed'])
    const afterSecond = await hostHeapBytes(ui.host)
    for (let n = 3; n <= JOBS; n++) await drop(n)
    // Every row has ended (none queued or processing), and every one of them completed.
    await running.first().waitFor({ state: 'detached', timeout: 300_000 })
    expect(await statuses()).toEqual(Array(JOBS).fill('completed'))
    const afterTenth = await hostHeapBytes(ui.host)
    const growth = afterTenth - afterSecond
    console.log(
      `[ui e2e] host heap after job 2: ${(afterSecond / 1048576).toFixed(2)} MB, after job ${JOBS}: ${(afterTenth / 1048576).toFixed(2)} MB, growth ${(growth / 1048576).toFixed(2)} MB`
    )
    expect(growth).toBeLessThan(MAX_GROWTH_BYTES)
  }, 900_000)
})
