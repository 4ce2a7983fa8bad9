// The app quits while a recording runs: its stop's exit is reported before the database closes,
// so the recording is marked ended. Before, the exit's listeners often ran after the close ("The
// database connection is not open"), the row stayed `live`, and the next start took the stopped
// recording for one a crash had interrupted. Real service, real pipeline and
// pocketsphinx, a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createTranscriptionService } from '../../../src/main/core/service/transcriptionService'
import { openStore } from '../../../src/main/core/openDataDir'

const CLIENT = { clientId: 'quit-while-recording' }
const OPTIONS = {
  engine: 'pocketsphinx' as const,
  model: '',
  processes: 1,
  workers: 1,
  formats: ['txt' as const]
}

let scratch: string | undefined
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

it('a recording the app stops as it quits is marked ended, not interrupted', async () => {
  scratch = mkdtempSync(join(tmpdir(), 'transcriptor-quit-recording-'))
  const dataDir = join(scratch, 'data')
  const service = createTranscriptionService({ dataDir })
  await service.start()
  const errors: string[] = []
  const consoleError = console.error
  console.error = (...args: unknown[]) => void errors.push(args.map(String).join(' '))
  let jobId: number
  try {
    const recording = service.startRecording({ ownerId: CLIENT.clientId, options: OPTIONS })
    jobId = recording.jobId
    expect(recording.append(Buffer.alloc(32_000))).toBe(true)
    await service.shutdown('the app quits')
  } finally {
    console.error = consoleError
  }
  expect(errors.filter((e) => /database connection is not open/.test(e))).toEqual([])
  const store = openStore(dataDir)
  try {
    const row = store.jobs.getJob(jobId)
    expect(row?.status).toBe('cancelled')
    expect(row?.recording).toBe('ended')
  } finally {
    store.close()
  }
}, 60_000)
