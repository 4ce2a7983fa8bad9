// The heart of the product, end to end in Chromium against the built browser host and real
// pocketsphinx jobs: a job belongs to the page that started it, and stops (status `cancelled`,
// reason recorded, no process left) when that page closes or reloads — unless kept in background,
// in which case it runs on until the host shuts down. One host serves the file (each test's jobs
// are stopped by the end of it); the shutdown test has its own.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/domain'
import { openStore } from '../../../src/main/core/openDataDir'
import {
  connectClient,
  startHost,
  waitFor,
  type HostClient,
  type RunningHost
} from '../../support/host'
import {
  createJobsInPage,
  launchOwnChromium,
  liveProcesses,
  makeLongSpeech,
  openApp,
  waitUntilRunning,
  waitUntilStopped
} from './helpers'
import { clipReference, librivoxClips } from '../../support/speech'
import { distinctCopy } from '../../support/distinctCopy'
import { wordErrorRate } from '../../support/wer'

/** The promise: a closed page's jobs are stopped within 2 s. */
const STOP_WITHIN_MS = 2_000
const PAGE_GONE = /closed or reloaded/

let browser: Browser
let scratch: string
let speech: string
let otherSpeech: string
let host: RunningHost
let client: HostClient

/** Two jobs at once, so "two pages" jobs both run. */
async function allowTwoJobs(to: HostClient): Promise<void> {
  await to.call('settings.set', { settings: { ...DEFAULT_SETTINGS, concurrentJobs: 2 } })
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'transcriptor-autostop-'))
  speech = makeLongSpeech(scratch)
  // Two jobs side by side need two contents: a copy of the same bytes would wait for the first
  // (src/main/core/service/sameContent.ts).
  otherSpeech = distinctCopy(speech, join(scratch, 'other speech.wav'), 1)
  ;[host, browser] = await Promise.all([startHost(), launchOwnChromium()])
  client = await connectClient(host)
  await allowTwoJobs(client)
})

afterAll(async () => {
  await client?.close().catch(() => undefined)
  await host?.stop()
  await browser?.close()
  await rm(scratch, { recursive: true, force: true })
})

describe('browser host: jobs stop when their page goes away', () => {
  it('closing the page stops its jobs within 2 s', async () => {
    const page = await openApp(browser, host)
    const [id] = await createJobsInPage(page, [speech])
    const running = await waitUntilRunning(client, id!)
    const closedAt = Date.now()
    await page.close()
    const { job, elapsedMs } = await waitUntilStopped(client, running, closedAt)
    expect(job.status).toBe('cancelled')
    expect(job.cancel_reason).toMatch(PAGE_GONE)
    console.log(`[autoStop] page closed -> job cancelled, tree gone in ${elapsedMs} ms`)
    expect(elapsedMs).toBeLessThan(STOP_WITHIN_MS)
  })

  it('reloading the page stops its jobs too', async () => {
    const page = await openApp(browser, host)
    const [id] = await createJobsInPage(page, [speech])
    const running = await waitUntilRunning(client, id!)
    const reloadedAt = Date.now()
    await page.reload()
    const { job, elapsedMs } = await waitUntilStopped(client, running, reloadedAt)
    expect(job.cancel_reason).toMatch(PAGE_GONE)
    console.log(`[autoStop] page reloaded -> job cancelled, tree gone in ${elapsedMs} ms`)
    expect(elapsedMs).toBeLessThan(STOP_WITHIN_MS)
    await page.close()
  })

  it('a keep-in-background job survives a reload and stops on host shutdown', async () => {
    const dataDir = await mkdtemp(join(scratch, 'kept-'))
    const own = await startHost({ dataDir })
    const ownClient = await connectClient(own)
    try {
      await allowTwoJobs(ownClient)
      const page = await openApp(browser, own)
      const [keptId, plainId] = await createJobsInPage(page, [speech, otherSpeech])
      const kept = await waitUntilRunning(ownClient, keptId!)
      const plain = await waitUntilRunning(ownClient, plainId!)
      await page.evaluate(
        (id) =>
          (globalThis as import('./helpers').AppGlobal).transcriptor!.jobs.setKeepInBackground({
            id,
            keep: true
          }),
        keptId!
      )

      await page.reload()
      // The plain job stopping proves the reload was handled; the kept one must still run.
      await waitUntilStopped(ownClient, plain, Date.now()).catch((error: Error) => {
        // What the host did with the page's going away is in its log.
        throw new Error(`${error.message}\nthe host's output:\n${own.output().slice(-4000)}`)
      })
      const survivor = await ownClient.call('jobs.get', { id: keptId! })
      expect(survivor?.status).toBe('processing')
      expect(survivor?.keep_in_background).toBe(1)
      expect(liveProcesses(kept.process_id!, kept.process_group_id!)).toContain(kept.process_id)
      await page.close()
      await ownClient.close()

      expect(await own.stop('SIGTERM')).toEqual({ code: 0, signal: null })
      expect(liveProcesses(kept.process_id!, kept.process_group_id!)).toEqual([])
      // The row says why it stopped, read from the data dir as the app opens it next time.
      const store = openStore(dataDir)
      const row = store.jobs.getJob(keptId!)
      store.close()
      expect(row?.status).toBe('cancelled')
      expect(row?.cancel_reason).toMatch(/browser host stopped/)
    } finally {
      await ownClient.close().catch(() => undefined)
      await own.stop()
    }
  })

  it('two pages each own their jobs: closing one stops only its own', async () => {
    const first = await openApp(browser, host)
    const second = await openApp(browser, host)
    const [firstId] = await createJobsInPage(first, [speech])
    const [secondId] = await createJobsInPage(second, [otherSpeech])
    const firstJob = await waitUntilRunning(client, firstId!)
    const secondJob = await waitUntilRunning(client, secondId!)

    await first.close()
    await waitUntilStopped(client, firstJob, Date.now())
    const other = await client.call('jobs.get', { id: secondId! })
    expect(other?.status).toBe('processing')
    expect(liveProcesses(secondJob.process_id!, secondJob.process_group_id!)).toContain(
      secondJob.process_id
    )

    await second.close()
    const { job } = await waitUntilStopped(client, secondJob, Date.now())
    expect(job.cancel_reason).toMatch(PAGE_GONE)
  })

  it('refuses every request without the token', async () => {
    const page = await browser.newPage()
    const bare = await page.goto(host.origin + '/')
    expect(bare?.status()).toBe(401)
    const wrong = await page.goto(host.origin + '/?token=not-the-token')
    expect(wrong?.status()).toBe(401)
    // A page from another origin cannot open the WebSocket, token or not.
    const refused = await page.evaluate(async (url) => {
      return new Promise<string>((done) => {
        const ws = new WebSocket(url)
        ws.onopen = () => done('open')
        ws.onerror = () => done('refused')
      })
    }, `ws://127.0.0.1:${host.port}/ws?token=not-the-token`)
    expect(refused).toBe('refused')
    await page.close()
    await expect(connectClient({ port: host.port, token: 'not-the-token' })).rejects.toThrow(/401/)
  })

  it('a dropped file reaches the host by upload and becomes a job', async () => {
    const page = await openApp(browser, host)
    const { readFile } = await import('node:fs/promises')
    const clip = librivoxClips()[0]
    const bytes = (await readFile(clip)).toString('base64')
    const path = await page.evaluate(async (b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      const file = new File([data], 'dropped clip.wav', { type: 'audio/wav' })
      return (globalThis as import('./helpers').AppGlobal).transcriptor!.uploadFile!(file)
    }, bytes)
    expect(path.startsWith(join(host.dataDir, 'uploads') + '/')).toBe(true)
    expect(path.endsWith('/dropped clip.wav')).toBe(true)
    const [id] = await createJobsInPage(page, [path])
    const done = await waitFor(
      async () => {
        const job = await client.call('jobs.get', { id: id! })
        return job && ['completed', 'failed', 'cancelled'].includes(job.status) ? job : undefined
      },
      'the uploaded clip to be transcribed',
      120_000
    )
    expect(done.status).toBe('completed')
    const transcript = await client.call('jobs.transcript', { id: id! })
    const text = transcript?.segments.map((s) => s.text).join(' ') ?? ''
    // pocketsphinx's word error rate on this clip is 0.36; an empty or unrelated text is near 1.
    expect(wordErrorRate(clipReference(clip), text)).toBeLessThanOrEqual(0.5)
    await page.close()
  })
})
