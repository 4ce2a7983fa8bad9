// "Stop and keep the recording" when the app closes or quits: the service asks the page making the
// recording to stop it itself, so the audio the page held while the question was open goes in
// before the recording ends; a page that never answers has its recording ended after the bound,
// with what arrived. Real service, real pipeline and pocketsphinx, a real SQLite file; the page
// is played here through the same requests and event the renderer uses.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { JobOptions } from '@shared/domain'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../../../src/main/core/service/transcriptionService'

const PAGE = { clientId: 'wc:7' }
const OPTIONS: JobOptions = {
  engine: 'pocketsphinx',
  model: '',
  processes: 1,
  workers: 1,
  chunkSeconds: 20,
  overlapSeconds: 1,
  formats: ['txt'],
  outputDir: ''
}
/** One second of 16 kHz mono s16le audio, base64 as the page sends it. */
const SECOND = Buffer.alloc(32_000).toString('base64')

let scratch: string
let service: TranscriptionService
beforeEach(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'transcriptor-ask-end-'))
  service = createTranscriptionService({ dataDir: join(scratch, 'data') })
  await service.start()
})
afterEach(async () => {
  await service.shutdown('test over')
  rmSync(scratch, { recursive: true, force: true })
})

async function recordSeconds(seconds: number): Promise<number> {
  const job = await service.handlers['recording.start']({ options: OPTIONS }, PAGE)
  for (let i = 0; i < seconds; i++)
    await service.handlers['recording.append']({ id: job.id, pcm: SECOND }, PAGE)
  return job.id
}

it('the page sends the audio it held, then stops: the recording keeps every second', async () => {
  const id = await recordSeconds(2)
  // The page: asked to stop, it sends the 3 s it held while the app was asking, then stops.
  const asked: number[] = []
  const off = service.on('recording.endAsked', (event) => {
    asked.push(event.id)
    void (async () => {
      for (let i = 0; i < 3; i++)
        await service.handlers['recording.append']({ id: event.id, pcm: SECOND }, PAGE)
      await service.handlers['recording.stop']({ id: event.id }, PAGE)
    })()
  })
  try {
    expect(await service.askToEndRecordingsOf(PAGE.clientId, 10_000)).toEqual([id])
  } finally {
    off()
  }
  expect(asked).toEqual([id])
  expect(service.liveRecordingsOf(PAGE.clientId)).toEqual([])
  // The window closes next: its release leaves the job to finish (kept in the background).
  await service.releaseClient(PAGE.clientId, 'the window was closed')
  const [job] = await service.waitForJobs([id])
  expect(job.status).toBe('completed')
  expect(job.duration_seconds).toBeCloseTo(5, 1)
})

it('a page that does not answer has its recording ended after the bound, with what arrived', async () => {
  const id = await recordSeconds(2)
  const started = Date.now()
  expect(await service.askToEndRecordingsOf(PAGE.clientId, 300)).toEqual([id])
  expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  expect(service.liveRecordingsOf(PAGE.clientId)).toEqual([])
  await service.releaseClient(PAGE.clientId, 'the window was closed')
  const [job] = await service.waitForJobs([id])
  expect(job.status).toBe('completed')
  expect(job.duration_seconds).toBeCloseTo(2, 1)
})
