// A watched file's transcript is exported once, under one name, even when the file is taken again
// after its export had claimed its names (core/watch/fileTake.ts keeps them): here a kill -9 left
// the transcript written but not recorded, and its job was deleted in History before the watch
// ran again, so the next start takes the file again as a new job. Before, that job's export
// claimed a new name and the output folder held `talk.txt` and `talk (2).txt`.
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { DEFAULT_SETTINGS, jobOptionsIn } from '@shared/domain'
import { openStore } from '../../../src/main/core/openDataDir'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../../../src/main/core/service/transcriptionService'
import { makeTempDir, removeDir } from '../../support/db'
import { startFixedWordsServer, type FixedWordsServer } from '../../support/fixedWordsServer'
import { espeakSpeech } from '../../support/speech'
import { waitFor } from '../../support/waitFor'

const client = { clientId: 'settings-page' }
let dir = ''
let service: TranscriptionService | null = null
let engine: FixedWordsServer | null = null
afterEach(async () => {
  await service?.shutdown('test over')
  service = null
  await engine?.close()
  engine = null
  removeDir(dir)
})

async function started(dataDir: string): Promise<TranscriptionService> {
  const s = createTranscriptionService({ dataDir })
  await s.start()
  await s.watch.start()
  return s
}

async function exportedCount(s: TranscriptionService): Promise<number | undefined> {
  const [folder] = await s.handlers['watch.list']({}, client)
  return folder.status.counts.exported
}

test('a file taken again after its transcript was written but not recorded is exported under the name it had', async () => {
  dir = makeTempDir('transcriptor-watch-once-')
  const dataDir = join(dir, 'data')
  const inbox = join(dir, 'inbox')
  const out = join(dir, 'transcripts')
  mkdirSync(inbox)
  engine = await startFixedWordsServer(['hello', 'world'])
  service = await started(dataDir)
  await service.handlers['watch.add'](
    {
      path: inbox,
      recursive: false,
      outputDir: out,
      nameTemplate: '{name}',
      options: {
        ...jobOptionsIn(DEFAULT_SETTINGS),
        engine: 'openai',
        endpoints: [{ baseUrl: engine.url, model: 'fixed', concurrency: 1 }],
        vad: 'off',
        processes: 1,
        formats: ['txt']
      }
    },
    client
  )
  copyFileSync(espeakSpeech(dir, 'hello world', 'clip.wav'), join(inbox, 'talk.wav'))
  await waitFor(async () => (await exportedCount(service!)) === 1, 'the first export', 60_000)
  expect(readdirSync(out)).toEqual(['talk.txt'])

  // The user deletes the job in History; then the state a kill -9 between the transcript's
  // write and its record leaves: its names claimed, the file written, the row still open.
  const [job] = await service.handlers['jobs.list']({}, client)
  await service.handlers['jobs.delete']({ id: job.id }, client)
  await service.shutdown('app quit')
  const store = openStore(dataDir)
  store.db.prepare(`UPDATE watch_files SET state = 'queued'`).run()
  store.close()

  service = await started(dataDir)
  await service.watch.idle()
  expect(readdirSync(out)).toEqual(['talk.txt'])
  expect(readFileSync(join(out, 'talk.txt'), 'utf8').trim()).toBe('hello world')
  expect(await exportedCount(service)).toBe(1)
  // It was transcribed again (its job was gone): one new job, completed.
  const jobs = await service.handlers['jobs.list']({}, client)
  expect(jobs.map((j) => [j.id === job.id, j.status])).toEqual([[false, 'completed']])
}, 120_000)
