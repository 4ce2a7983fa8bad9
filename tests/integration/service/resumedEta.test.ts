// A resumed job's ETA is the pipeline's: it counts only the chunks this run transcribed, not the
// ones the resume reused. An estimate from the row (overall progress over time since the resumed
// run started) promises an end several times too soon, because the reused chunks cost nothing.
// Real host, real pipeline and pocketsphinx, real speech (one reading, five 5 s chunks); the job
// is stopped after three and resumed.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { JobOptions } from '@shared/domain'
import type { JobProgress } from '@shared/jobProgress'
import { connectClient, socketUrl, startHost, waitFor, type RunningHost } from '../../support/host'
import { joinedSpeech } from '../../support/speech'

// One process: chunks finish one after another, so the time per chunk is what the ETA scales.
const OPTIONS: JobOptions = {
  engine: 'pocketsphinx',
  model: '',
  processes: 1,
  workers: 1,
  chunkSeconds: 5,
  overlapSeconds: 0.5,
  formats: ['txt'],
  outputDir: ''
}

let scratch: string | undefined
let host: RunningHost | undefined
afterEach(async () => {
  await host?.stop('SIGKILL')
  host = undefined
  if (scratch) rmSync(scratch, { recursive: true, force: true })
  scratch = undefined
})

/** Every `job.progress` event, stamped with when it arrived (a second socket, like a renderer). */
async function progressWatcher(
  target: RunningHost
): Promise<{ seen: { at: number; p: JobProgress }[]; close: () => void }> {
  const ws = new WebSocket(socketUrl(target))
  await new Promise<void>((opened, failed) => {
    ws.once('open', () => opened())
    ws.once('error', failed)
  })
  const seen: { at: number; p: JobProgress }[] = []
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { event?: string; payload?: JobProgress }
    if (message.event === 'job.progress' && message.payload)
      seen.push({ at: performance.now(), p: message.payload })
  })
  return { seen, close: () => ws.close() }
}

describe('a resumed job', () => {
  it(
    'reports the ETA of the chunks left at the rate of this run',
    { timeout: 300_000 },
    async () => {
      scratch = mkdtempSync(join(tmpdir(), 'transcriptor-eta-'))
      const input = joinedSpeech(scratch, 1, 'a reading.wav')
      host = await startHost()
      const client = await connectClient(host)
      const watcher = await progressWatcher(host)
      const { created } = await client.call('jobs.create', { paths: [input], options: OPTIONS })
      const id = created[0].id

      // Stop once well over half of the chunks are done (and checkpointed).
      const firstRun = await client.waitForEvent(
        'job.progress',
        (p) => p.jobId === id && p.chunksTotal > 0 && p.chunksDone / p.chunksTotal >= 0.6,
        120_000
      )
      await client.call('jobs.stop', { id })
      await waitFor(
        async () => (await client.call('jobs.get', { id }))?.status === 'cancelled',
        'the stop',
        30_000
      )

      const resumeAt = watcher.seen.length
      await client.call('jobs.resume', { id })
      const total = firstRun.chunksTotal
      // The resumed run's chunk events (after decoding and finding speech): the reused chunks
      // first (all done before any is transcribed).
      const resumed = (): { at: number; p: JobProgress }[] =>
        watcher.seen.slice(resumeAt).filter((e) => e.p.jobId === id && e.p.chunksTotal > 0)
      // Reused chunks are counted at once and cost no time: no ETA can be measured from them.
      const reusedCount = (): number =>
        Math.max(...resumed().flatMap((e) => (e.p.etaSeconds === null ? [e.p.chunksDone] : [])))
      await waitFor(
        () => resumed().some((e) => e.p.chunksDone === reusedCount() + 1),
        'the resumed run to finish a chunk',
        120_000
      )
      const row = await client.call('jobs.get', { id })
      expect(row?.status).toBe('processing')

      const events = resumed()
      const reused = reusedCount()
      expect(reused).toBeGreaterThanOrEqual(firstRun.chunksDone)
      expect(reused).toBeLessThan(total)
      // The first chunk this run transcribed: its ETA is that chunk's time × the chunks left.
      const first = events.find((e) => e.p.chunksDone === reused + 1)
      if (!first) throw new Error(`no event for chunk ${reused + 1}: ${JSON.stringify(events)}`)
      const start = events[0].at
      const perChunk = (first.at - start) / 1000
      const left = total - reused - 1
      const expected = perChunk * left
      expect(first.p.etaSeconds).not.toBeNull()
      expect(first.p.etaSeconds ?? 0).toBeGreaterThan(expected * 0.7 - 0.3)
      expect(first.p.etaSeconds ?? 0).toBeLessThan(expected * 1.3 + 0.3)
      // What the row alone would give (overall fraction over the resumed run's time) is far less.
      const fraction = first.p.fraction
      const naive = (perChunk * (1 - fraction)) / fraction
      expect(first.p.etaSeconds ?? 0).toBeGreaterThan(naive * 2)

      watcher.close()
      await client.call('jobs.stop', { id })
      await client.close()
    }
  )
})
