// Issue 11 #1: a host asked to stop or delete a job that ANOTHER process owns (the CLI's
// `transcribe`, another host on the same data dir). Two services on one data dir stand in for
// the two processes: each has its own instance id and its own ProcessManager, so the second one
// holds no child of the first one's job — it has only the recorded row, as a real second
// process would.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../../../src/main/core/service/transcriptionService'
import { isRunning } from '../../support/processes'
import { joinedSpeech } from '../../support/speech'
import type { JobRow } from '@shared/domain'
import { testJobOptions } from '../../support/jobOptions'
import { waitFor } from '../../support/waitFor'

let dir: string
let owner: TranscriptionService
let other: TranscriptionService
const ctx = { clientId: 'client-x' }

const options = testJobOptions()

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-foreign-'))
  owner = createTranscriptionService({ dataDir: join(dir, 'data') })
  other = createTranscriptionService({ dataDir: join(dir, 'data') })
})

afterEach(async () => {
  await other.shutdown('test over')
  await owner.shutdown('test over')
  rmSync(dir, { recursive: true, force: true })
})

async function runningElsewhere(): Promise<{ job: JobRow; pids: number[] }> {
  const { created } = await owner.handlers['jobs.create'](
    { paths: [joinedSpeech(dir, 4)], options },
    ctx
  )
  const id = created[0].id
  const job = await waitFor(
    async () => {
      const row = await other.handlers['jobs.get']({ id }, ctx)
      return row?.status === 'processing' && row.process_id ? row : null
    },
    'the owner to register its pipeline',
    30_000
  )
  // Wait for the engine too, so the stop has a real tree to take down.
  const pids = await waitFor(
    async () => {
      const status = await other.handlers['jobs.processStatus']({ id }, ctx)
      return status.processes.length >= 2 ? status.processes.map((p) => p.pid) : null
    },
    'an engine under the pipeline',
    30_000
  )
  return { job, pids }
}

describe('stop and delete of a job another process owns', () => {
  it('stop kills the recorded tree (identity-checked) and the row says cancelled', async () => {
    const { job, pids } = await runningElsewhere()
    const result = await other.handlers['jobs.stop']({ id: job.id }, ctx)
    expect(result.alreadyStopped).toBe(false)
    expect(result.survivors).toEqual([])
    expect(result.killed).toContain(job.process_id)
    expect(pids.filter(isRunning)).toEqual([])
    // The owner sees its pipeline die; the guarded update keeps the cancel (not "failed").
    await owner.waitForJobs([job.id])
    const row = await other.handlers['jobs.get']({ id: job.id }, ctx)
    expect(row?.status).toBe('cancelled')
    expect(row?.cancel_reason).toBe('stopped by user')
  })

  it('delete stops the tree first, then removes the row and its files', async () => {
    const { job, pids } = await runningElsewhere()
    expect(existsSync(job.log_file_path!)).toBe(true)
    const result = await other.handlers['jobs.delete']({ id: job.id }, ctx)
    expect(result.deleted).toBe(true)
    expect(pids.filter(isRunning)).toEqual([])
    expect(await other.handlers['jobs.get']({ id: job.id }, ctx)).toBeNull()
    await waitFor(
      async () => (await owner.handlers['jobs.list']({}, ctx)).length === 0,
      'the owner to finish the job',
      30_000
    )
    expect(existsSync(job.log_file_path!)).toBe(false)
  })
})
