// Issue 11 #4 end to end: a job floods its log while the page that owns it is too slow to read it
// all (Chromium's CPU throttled). The host keeps that page's socket open and bounded: lines are
// skipped for that page with a marker, the job is not cancelled, host RSS stays bounded. After a
// reload the job's row shows its true state at once, and follows it.
// The flood: the real pipeline of a real job, with a module preloaded into it (NODE_OPTIONS) that
// prints lines next to its work. The job sends its chunks to a loopback server that holds them
// unanswered: it stays `processing` for as long as the test looks, without decoding audio on
// the shared cores the whole time (pocketsphinx on two processes cost a minute of CPU here).
import { resolve } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { waitFor } from '../../support/host'
import { rssKb } from '../../support/memory'
import { startSttServer, type SttServerHandle } from '../../support/sttServers'
import { openLongJob, openUi, screenshot, type UiSession } from './uiHarness'

const FLOOD = resolve(__dirname, '../../fixtures/process/floodPipelineLog.mjs')
const MAX_HOST_RSS_MB = 300
const MARKER = /lines? skipped — open the full log/

let ui: UiSession | undefined
let hanging: SttServerHandle | undefined
afterEach(async () => {
  await ui?.close()
  await hanging?.stop()
  ui = undefined
  hanging = undefined
})

/** The host runs through the whole test: a missing reading is a failure, never 0. */
function rssMb(pid: number): number {
  const kb = rssKb(pid)
  if (kb === null) throw new Error(`the host (pid ${pid}) is gone: its memory cannot be measured`)
  return kb / 1024
}

it('a log flood: the owner page stays, the job runs on, lines are skipped with a marker; a reload shows the true state', async () => {
  ui = await openUi({
    env: {
      NODE_OPTIONS: `--inspect-port=127.0.0.1:0 --import ${FLOOD}`,
      FLOOD_LINES_PER_TICK: '500'
    }
  })
  const { page, client, host } = ui
  const hostPid = host.process.pid ?? -1
  hanging = await startSttServer({ fault: 'hang' })
  await client.call('endpoints.add', {
    baseUrl: hanging.url,
    model: 'pocketsphinx',
    concurrency: 1
  })
  await page.locator('#job-engine').selectOption('openai')
  const id = await openLongJob(ui, 5)
  await expect
    .poll(() => page.getByTestId('job-status').innerText(), { timeout: 60_000 })
    .toBe('processing')

  let peakRss = rssMb(hostPid)
  let samplerError: unknown
  const sampler = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, rssMb(hostPid))
    } catch (err) {
      samplerError ??= err
    }
  }, 250)
  const cdp = await page.context().newCDPSession(page)
  try {
    // A page that cannot keep up (a slow machine, a busy tab): its socket backs up into the host.
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 })
    await page.getByLabel('Search the log').fill('skipped')
    const marker = await waitFor(
      async () => {
        const lines = await page.getByTestId('log-line').allInnerTexts()
        return lines.find((l) => MARKER.test(l))
      },
      'the "lines skipped" marker in the log view',
      90_000
    )
    console.log(`[ui e2e] flood: the page shows "${marker.trim()}"`)
    // Still flooding, still the owner's page: the job was neither cancelled nor disconnected.
    const row = await client.call('jobs.get', { id })
    expect(row?.status).toBe('processing')
    expect(host.output()).not.toMatch(/closed by the host|answered no ping/)
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => undefined)
    await cdp.detach().catch(() => undefined)
    clearInterval(sampler)
  }
  // Taken at full speed (a throttled page under the flood needs many seconds to paint): the log
  // view is still filtered on the marker, the flood still running.
  await screenshot(page, '40-log-flood-skipped')
  if (samplerError) throw samplerError
  console.log(`[ui e2e] flood: host peak RSS ${peakRss.toFixed(1)} MB`)
  expect(peakRss).toBeGreaterThan(0)
  expect(peakRss).toBeLessThan(MAX_HOST_RSS_MB)

  // Kept running, so the reload (which leaves the page) does not stop it.
  await client.call('jobs.setKeepInBackground', { id, keep: true })
  await page.reload()
  const reloadedAt = Date.now()
  // The reload lands on the same job page.
  const status = (): Promise<string> => page.getByTestId('job-status').innerText()
  await expect.poll(status, { timeout: 5_000 }).toBe('processing')
  console.log(`[ui e2e] flood: reloaded page shows processing after ${Date.now() - reloadedAt} ms`)
  expect((await client.call('jobs.get', { id }))?.status).toBe('processing')

  // And it follows the truth: stopped from elsewhere, the reloaded page says so within seconds.
  await client.call('jobs.stop', { id })
  const stoppedAt = Date.now()
  await expect.poll(status, { timeout: 5_000 }).toBe('cancelled')
  console.log(
    `[ui e2e] flood: reloaded page shows cancelled ${Date.now() - stoppedAt} ms after Stop`
  )
}, 300_000)
