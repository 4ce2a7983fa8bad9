// A watched file's job stopped in the app (the user's Stop) while the watch runs: the file is
// skipped with the reason, and the next start of the app leaves it alone; before, it stayed
// queued and the next start resumed the job the user had stopped. A shutdown, by contrast, stops
// the watch first: its jobs resume at the next start (watchCli.test.ts kills and restarts).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { DEFAULT_SETTINGS, jobOptionsIn } from '@shared/domain'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../../../src/main/core/service/transcriptionService'
import { joinedSpeech } from '../../support/speech'
import { waitFor } from '../../support/waitFor'

const client = { clientId: 'settings-page' }
let dir = ''
let service: TranscriptionService | null = null
afterEach(async () => {
  await service?.shutdown('test over')
  service = null
  rmSync(dir, { recursive: true, force: true })
})

async function started(dataDir: string): Promise<TranscriptionService> {
  const s = createTranscriptionService({ dataDir })
  await s.start()
  await s.watch.start()
  return s
}

test('a watched file whose job the user stopped is skipped with the reason, and not resumed at the next start', async () => {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-watch-stop-'))
  const dataDir = join(dir, 'data')
  const inbox = join(dir, 'inbox')
  mkdirSync(inbox)
  service = await started(dataDir)
  await service.handlers['watch.add'](
    {
      path: inbox,
      recursive: false,
      outputDir: join(dir, 'transcripts'),
      nameTemplate: '{name}',
      options: { ...jobOptionsIn(DEFAULT_SETTINGS), processes: 1, formats: ['txt'] }
    },
    client
  )
  copyFileSync(joinedSpeech(dir, 2), join(inbox, 'long interview.wav'))
  const running = await waitFor(
    async () =>
      (await service!.handlers['jobs.list']({}, client)).find((j) => j.status === 'processing'),
    'the watched file to be transcribed',
    60_000
  )
  await service.handlers['jobs.stop']({ id: running.id }, client)

  const skipped = await waitFor(
    async () => {
      const [folder] = await service!.handlers['watch.list']({}, client)
      return folder.status.counts.skipped === 1 ? folder.status.counts : null
    },
    'the file to be skipped',
    30_000
  )
  expect(skipped).toMatchObject({ queued: 0, skipped: 1 })

  // The next start: the stopped job is not resumed, and nothing else is made of the file.
  await service.shutdown('app quit')
  service = await started(dataDir)
  await service.watch.idle()
  const jobs = await service.handlers['jobs.list']({}, client)
  expect(jobs.map((j) => [j.id, j.status, j.cancel_reason])).toEqual([
    [running.id, 'cancelled', 'stopped by user']
  ])
  const [folder] = await service.handlers['watch.list']({}, client)
  expect(folder.status.counts).toMatchObject({ queued: 0, skipped: 1 })
})
