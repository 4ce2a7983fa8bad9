// History search over a huge transcript, against the BUILT browser host: a frequent word in a
// 1,000,000-word transcript (FTS5's snippet() took minutes on it, the host answering nothing) is
// found with its matching line while the host keeps answering other requests at once.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/core/openDataDir'
import { HIT_END, HIT_START } from '../../../src/main/core/db/historySnippet'
import { makeTempDir, removeDir, sampleJob } from '../../support/db'
import { longTranscript } from '../../support/historySeed'
import { connectClient, startHost, type HostClient, type RunningHost } from '../../support/host'

const WORDS = 1_000_000
let dir: string
let host: RunningHost
let client: HostClient
let jobId: number

beforeAll(async () => {
  dir = makeTempDir('transcriptor-huge-search-')
  const dataDir = join(dir, 'data')
  const store = openStore(dataDir)
  try {
    jobId = store.jobs.createJob(sampleJob({ filename: 'all-day.wav' })).id
    store.transcripts.storeOriginal(jobId, longTranscript(WORDS))
  } finally {
    store.close()
  }
  host = await startHost({ dataDir })
  client = await connectClient(host)
}, 120_000)

afterAll(async () => {
  // A host frozen in a search answers no SIGTERM: SIGKILL soon.
  await host?.stop('SIGTERM', 5_000)
  await client?.close()
  removeDir(dir)
})

/** Settles with `promise`, or rejects once `ms` passed. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  const late = new Promise<never>((_, fail) =>
    setTimeout(() => fail(new Error(`${what}: no answer within ${ms} ms`)), ms).unref()
  )
  return Promise.race([promise, late])
}

describe('History search of a huge transcript', () => {
  it('answers another request within 1 s while it runs, then the matching line', async () => {
    const search = client.call('history.query', { search: 'river', limit: 50 })
    const started = performance.now()
    await within(client.call('settings.get', {}), 1_000, 'settings.get during the search')
    const answeredMs = performance.now() - started
    const page = await within(search, 20_000, 'the search')
    expect(page.total).toBe(1)
    expect(page.rows[0].id).toBe(jobId)
    expect(page.rows[0].snippet).toMatch(
      new RegExp(`^the ${HIT_START}river${HIT_END} morning budget garden we went`)
    )
    expect(answeredMs).toBeLessThan(1_000)
  }, 60_000)
})
