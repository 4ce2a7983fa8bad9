// Remote endpoints seen from the job page, in the real renderer against the real browser host and
// loopback transcription servers (real HTTP, real pocketsphinx):
// - engine openai: the process table lists each request in flight (endpoint, chunk, elapsed) next
//   to the local processes, says remote CPU is not measured, and Stop clears them and their sockets;
// - a local engine with "Also send chunks to the saved endpoints": local processes and the server
//   share the job, which completes, and its log names both as serving chunks.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectionsTo } from '../../support/sockets'
import { startSttServer, type SttServerHandle } from '../../support/sttServers'
import { waitFor } from '../../support/host'
import {
  CLIP_LEISURE,
  makeLongAudio,
  openUi,
  pickFiles,
  queuedJobId,
  screenshot,
  type UiSession
} from './uiHarness'

// One app for the file; each test saves its own server as the only endpoint. The servers run
// inside the test process: no test here kills one, and a server process costs a second of CPU.
let ui: UiSession
let hanging: SttServerHandle
let answering: SttServerHandle
beforeAll(async () => {
  // A server that never answers: its requests stay in flight for as long as the test looks.
  ;[ui, hanging, answering] = await Promise.all([
    openUi(),
    startSttServer({ fault: 'hang' }),
    startSttServer({})
  ])
})
afterAll(async () => {
  await ui?.close()
  await hanging?.stop()
  await answering?.stop()
})

/** "127.0.0.1:PORT · chunk N · S s" → its parts. */
function requestCell(text: string): { endpoint: string; chunk: number; seconds: number } | null {
  const m = /^(\S+) · chunk (\d+) · (\d+) s$/.exec(text.trim())
  return m ? { endpoint: m[1], chunk: Number(m[2]), seconds: Number(m[3]) } : null
}

/** `stt` saved as the only endpoint. */
async function onlyEndpoint(stt: SttServerHandle, concurrency: number): Promise<void> {
  for (const saved of await ui.client.call('endpoints.list', {}))
    await ui.client.call('endpoints.remove', { id: saved.id })
  await ui.client.call('endpoints.add', { baseUrl: stt.url, model: 'pocketsphinx', concurrency })
}

describe('remote requests on the job page', () => {
  it('engine openai: requests in flight are listed next to the local processes; Stop clears them', async () => {
    const stt = hanging
    await onlyEndpoint(stt, 2)
    const { page, client } = ui
    await page.locator('#job-engine').selectOption('openai')
    await pickFiles(page, [makeLongAudio(ui.scratch, 5)]) // ~43 s: 2 chunks of 30 s or less
    const id = await queuedJobId(page, 'long-reading')
    await page.locator(`[data-testid="queue-row-${id}"] a`).click()

    const remoteRows = page.getByTestId('remote-request-row')
    await expect.poll(() => remoteRows.count(), { timeout: 90_000 }).toBe(2)
    expect(await page.getByTestId('job-engine-summary').innerText()).toBe('openai · 1 endpoint')
    // Nothing local runs and the server tells nothing until it answers: the job says so.
    await expect
      .poll(() => page.getByTestId('job-phase').innerText())
      .toBe('· Waiting for the server')
    const label = `127.0.0.1:${stt.port}`
    const commands = async (): Promise<ReturnType<typeof requestCell>[]> =>
      (await remoteRows.locator('td.command').allInnerTexts()).map(requestCell)
    const first = await commands()
    expect(first.map((r) => r?.endpoint)).toEqual([label, label])
    expect(first.map((r) => r?.chunk).sort()).toEqual([1, 2])
    // Elapsed counts up while the server holds the requests.
    const start = Math.max(...first.map((r) => r?.seconds ?? 0))
    await expect
      .poll(async () => Math.min(...(await commands()).map((r) => r?.seconds ?? 0)), {
        timeout: 30_000
      })
      .toBeGreaterThan(start)
    for (const row of await remoteRows.all()) {
      expect(await row.locator('td').first().innerText()).toBe('remote')
      const cpu = row.locator('td.num').first()
      expect(await cpu.innerText()).toBe('n/a')
      expect(await cpu.getAttribute('title')).toBe('remote CPU is not measured')
    }
    expect(await page.getByTestId('remote-cpu-note').innerText()).toMatch(
      /2 remote request\(s\) in flight; remote CPU is not measured/
    )
    // Next to them, the local processes: at least the job's pipeline, with its real PID.
    const pipelinePid = (await client.call('jobs.get', { id }))?.process_id ?? -1
    const localPids = (
      await page.getByTestId('process-row').locator('td:first-child').allInnerTexts()
    ).map(Number)
    expect(localPids).toContain(pipelinePid)
    await waitFor(() => connectionsTo(stt.port) === 2, '2 sockets open', 5_000)
    await page.getByTestId('process-table').scrollIntoViewIfNeeded()
    await screenshot(page, 'job-remote-requests')

    await page.getByTestId('stop-button').click()
    await page.getByTestId('process-table-empty').waitFor({ timeout: 5_000 })
    expect(await remoteRows.count()).toBe(0)
    expect(await page.getByTestId('remote-cpu-note').count()).toBe(0)
    await waitFor(() => connectionsTo(stt.port) === 0, 'the requests’ sockets closed', 5_000)
    await expect.poll(() => page.getByTestId('job-status').innerText()).toBe('cancelled')
  })

  it('a local engine also sends chunks to the saved endpoints: both serve the job, which completes', async () => {
    const stt = answering
    await onlyEndpoint(stt, 1)
    const { page, client } = ui
    await page.getByTestId('nav-transcribe').click()
    await page.locator('#job-engine').selectOption('pocketsphinx')
    await page.getByTestId('advanced').locator('summary').click()
    await page.locator('#job-processes').fill('1')
    await page.locator('#job-chunkSeconds').fill('5')
    await page.locator('#job-overlapSeconds').fill('1')
    await page.getByTestId('job-alsoEndpoints').check()
    await screenshot(page, 'transcribe-also-endpoints')
    // 7 s: 2 chunks of 5 s or less, the first for the local engine, the second for the server
    // (each server takes a chunk as the run starts). Named apart from the first test's recording.
    const audio = join(ui.scratch, 'mixed-reading.wav')
    copyFileSync(CLIP_LEISURE, audio)
    await pickFiles(page, [audio])
    const id = await queuedJobId(page, 'mixed-reading')
    await page.locator(`[data-testid="queue-row-${id}"] a`).click()
    await expect
      .poll(() => page.getByTestId('job-status').innerText(), { timeout: 170_000 })
      .toBe('completed')

    await page.getByTestId('diagnostics-toggle').click()
    expect(await page.getByTestId('job-engine-summary').innerText()).toBe(
      'pocketsphinx · 1 process × 1 worker + 1 endpoint'
    )
    const log = (await client.call('jobs.logs', { id, lines: 1000 })).join('\n')
    const label = `127.0.0.1:${stt.port}`
    expect(log).toMatch(/chunk \d+\/\d+ done: \d+ word\(s\) by pocketsphinx/)
    expect(log).toContain(`word(s) by ${label}`)
    expect(stt.lines.some((l) => /words in/.test(l))).toBe(true)
    const row = await client.call('jobs.get', { id })
    expect(row?.engine).toBe('pocketsphinx')
    expect(JSON.parse(row?.endpoints ?? '[]')).toEqual([
      { baseUrl: stt.url, model: 'pocketsphinx', concurrency: 1 }
    ])
    await screenshot(page, 'job-local-and-remote-done')
  })
})
