// A job left by a process gone since (a kill -9 of the app or of `transcriptor watch`) is failed by
// the reaper at the next start and resumed there; while it waits its turn behind a running job it
// belongs to the process that resumed it. Before, it kept its dead creator as owner, and the next
// reap (every minute) failed it again as an orphan: a watch then resumed it a second time, and a
// resume refused once the job had ended took the file again and exported it under a second name.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { DEFAULT_SETTINGS, jobOptionsIn } from '@shared/domain'
import { openStore } from '../../../src/main/core/openDataDir'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../../../src/main/core/service/transcriptionService'
import { makeTempDir, removeDir, sampleJob } from '../../support/db'
import { startFixedWordsServer, type FixedWordsServer } from '../../support/fixedWordsServer'
import { espeakSpeech } from '../../support/speech'
import { waitFor } from '../../support/waitFor'

const client = { clientId: 'history-page' }
let dir = ''
let service: TranscriptionService | null = null
let hanging: FixedWordsServer | null = null
afterEach(async () => {
  await service?.shutdown('test over')
  service = null
  await hanging?.close()
  hanging = null
  removeDir(dir)
})

test('a resumed job waiting its turn is not failed as an orphan of the process that created it', async () => {
  dir = makeTempDir('transcriptor-resume-waiting-')
  const dataDir = join(dir, 'data')
  const left = espeakSpeech(dir, 'left behind', 'left.wav')
  const busy = espeakSpeech(dir, 'still talking', 'busy.wav')
  // A process that has exited: the owner of a job it queued and never started.
  const gone = spawnSync(process.execPath, ['-e', '']).pid
  const store = openStore(dataDir)
  store.settings.set({ ...store.settings.get(), concurrentJobs: 1 })
  const { id } = store.jobs.createJob(
    sampleJob({ filename: 'left.wav', original_path: left, owner_pid: gone, owner_instance: 'x' })
  )
  store.close()

  service = createTranscriptionService({ dataDir })
  await service.start()
  expect(await service.handlers['jobs.get']({ id }, client)).toMatchObject({
    status: 'failed',
    error_message: expect.stringMatching(/^orphaned: owner process \d+ is gone/) as unknown
  })
  // The one slot is held by a job whose server never answers.
  hanging = await startFixedWordsServer(['hello'], { hang: true })
  await service.handlers['jobs.create'](
    {
      paths: [busy],
      options: {
        ...jobOptionsIn(DEFAULT_SETTINGS),
        engine: 'openai',
        endpoints: [{ baseUrl: hanging.url, model: 'fixed', concurrency: 1 }],
        vad: 'off',
        processes: 1,
        formats: ['txt']
      }
    },
    client
  )
  await waitFor(() => hanging!.requests > 0, 'the busy job at its server', 60_000)

  await service.handlers['jobs.resume']({ id }, client)
  const reap = await service.reap(300)
  expect(reap.reaped.map((r) => r.jobId)).toEqual([])
  expect(await service.handlers['jobs.get']({ id }, client)).toMatchObject({
    status: 'queued',
    owner_pid: process.pid
  })
}, 120_000)
