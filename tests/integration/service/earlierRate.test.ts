// The earlier jobs' rate, from the database to the pipeline, through the service every host uses:
// a machine's first job of an engine and model has no ETA until its first chunk ends; the next one
// is estimated from the first's rate at once (core/db/earlierSpeed.ts → jobRunner.ts → the
// pipeline's spec → pipeline/chunkProgress.ts), and its log says so. Two recordings of a few words
// in a quiet room: one short chunk each for the engine, so the test costs little.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, jobOptionsIn, type JobOptions } from '@shared/domain'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../../../src/main/core/service/transcriptionService'
import { earlierSecondsPerAudioSecond } from '../../../src/main/core/db/earlierSpeed'
import { openStore } from '../../../src/main/core/openDataDir'
import { distinctCopy } from '../../support/distinctCopy'
import { librivoxClips } from '../../support/speech'

let dir: string
let service: TranscriptionService
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-earlier-rate-'))
  service = createTranscriptionService({ dataDir: join(dir, 'data') })
})
afterEach(async () => {
  await service.shutdown('test over')
  rmSync(dir, { recursive: true, force: true })
})

const client = { clientId: 'earlier-rate' }
const options: JobOptions = {
  ...jobOptionsIn(DEFAULT_SETTINGS),
  engine: 'pocketsphinx',
  processes: 1,
  formats: ['txt']
}
const ESTIMATED = /\] time left: estimated from earlier jobs \((\d+\.\d+) s of work per second/

async function runToEnd(path: string): Promise<{ id: number; log: string[] }> {
  const { created } = await service.handlers['jobs.create']({ paths: [path], options }, client)
  const [job] = await service.waitForJobs([created[0].id])
  expect(job.status).toBe('completed')
  return {
    id: job.id,
    log: await service.handlers['jobs.logs']({ id: job.id, lines: 100 }, client)
  }
}

it("a machine's second job is estimated from its first one's rate, and its log says so", async () => {
  // 25 s: earlier jobs shorter than 20 s are mostly start-up and do not count.
  const room = join(dir, 'quiet room.wav')
  execFileSync('sox', [librivoxClips()[0], room, 'trim', '0', '2', 'pad', '0', '23'])
  const first = await runToEnd(room)
  expect(first.log.filter((l) => ESTIMATED.test(l))).toEqual([])

  // The rate the database holds after the first job: what the second one's pipeline is given.
  const store = openStore(join(dir, 'data'))
  const rate = earlierSecondsPerAudioSecond(store.db, 'pocketsphinx', options.model)
  store.close()
  expect(rate).not.toBeNull()

  const second = await runToEnd(distinctCopy(room, join(dir, 'another room.wav'), 1))
  const said = second.log.map((l) => ESTIMATED.exec(l)).find(Boolean)
  expect(said, second.log.join('\n')).toBeTruthy()
  expect(Number(said?.[1])).toBeCloseTo(rate as number, 2)
})
