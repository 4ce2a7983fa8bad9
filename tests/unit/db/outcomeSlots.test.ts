// A held outcome outlives its process: written into the job's reserved slot in place (the file
// never grows, so a full disk cannot refuse it), applied by whoever opens the database next.
// Real SQLite files; the refusal is SQLite's own (a connection with query_only on).
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { JobRepository } from '../../../src/main/core/db/jobRepository'
import {
  applyPendingOutcomes,
  OutcomeLedger,
  OutcomeSlots,
  SLOT_BYTES
} from '../../../src/main/core/db/outcomes'
import { openStore } from '../../../src/main/core/openDataDir'
import { ProcessManager } from '../../../src/main/core/process/processManager'
import { SettingsStore } from '../../../src/main/core/settings/settingsStore'
import { createTempDatabase, sampleJob, type TempDatabase } from '../../support/db'

let temp: TempDatabase
let jobs: JobRepository
let slots: OutcomeSlots
beforeEach(() => {
  temp = createTempDatabase()
  jobs = new JobRepository(temp.db)
  slots = new OutcomeSlots(join(temp.dir, 'outcomes'))
})
afterEach(() => temp.cleanup())

/** Registers the job's tree as owned by a process that is gone: pid 2^22 + 1 is above pid_max. */
function ownedByAGoneProcess(id: number): void {
  jobs.registerProcess(id, {
    pid: 4_194_305,
    startTime: '1',
    pgid: 4_194_305,
    logPath: join(temp.dir, 'job.log'),
    ownerInstance: 'gone',
    ownerPid: 4_194_305
  })
}

/** One reap by a process manager of this data dir, as a host start or `transcriptor reap` does. */
async function reapOnce(): ReturnType<ProcessManager['cleanupOrphanedProcesses']> {
  const settings = new SettingsStore(temp.db)
  const pm = new ProcessManager({
    repo: jobs,
    dataDir: temp.dir,
    instanceId: 'here',
    settings: () => settings.get()
  })
  try {
    return await pm.cleanupOrphanedProcesses(300)
  } finally {
    await pm.dispose()
  }
}

function runningJob(startedAt = 1_000): number {
  const { id } = jobs.createJob(sampleJob())
  expect(jobs.startJob(id, startedAt)).toBe(true)
  return id
}

describe('a held outcome on disk', () => {
  test('is written into the reserved slot in place and recorded by the next opener', () => {
    const id = runningJob()
    const ledger = new OutcomeLedger({ repo: jobs, slots })
    ledger.prepare(id, 1_000)
    const path = slots.pathOf(id)
    expect(statSync(path).size).toBe(SLOT_BYTES)

    temp.db.pragma('query_only = 1')
    expect(ledger.record(id, { status: 'completed', outputs: { txt: '/out/talk.txt' } })).toBe(
      'held'
    )
    ledger.dispose()
    expect(ledger.pending(id)?.keptIn).toBe(path)
    expect(statSync(path).size).toBe(SLOT_BYTES)
    expect(readFileSync(path, 'utf8')).toMatch(/"status":"completed"/)
    expect(jobs.getJob(id)?.status).toBe('processing')

    const next = openStore(temp.dir)
    try {
      expect(next.jobs.getJob(id)).toMatchObject({
        status: 'completed',
        output_files: JSON.stringify({ txt: '/out/talk.txt' })
      })
    } finally {
      next.close()
    }
    expect(existsSync(path)).toBe(false)
  })

  test('a written outcome releases the slot; a refused one that later succeeds does too', () => {
    const [a, b] = [runningJob(), runningJob()]
    const ledger = new OutcomeLedger({ repo: jobs, slots })
    ledger.prepare(a, 1_000)
    ledger.prepare(b, 1_000)
    expect(ledger.record(a, { status: 'failed', message: 'engine crashed' })).toBe('written')
    expect(existsSync(slots.pathOf(a))).toBe(false)
    temp.db.pragma('query_only = 1')
    expect(ledger.record(b, { status: 'cancelled', reason: 'stopped' })).toBe('held')
    temp.db.pragma('query_only = 0')
    expect(ledger.flush()).toBe(0)
    ledger.dispose()
    expect(jobs.getJob(b)?.status).toBe('cancelled')
    expect(existsSync(slots.pathOf(b))).toBe(false)
  })

  test('slots of running jobs stay; those of ended, deleted or older runs go unapplied', () => {
    const running = runningJob(1_000)
    const ended = runningJob(1_000)
    const resumed = runningJob(2_000)
    jobs.completeJob(ended, {})
    slots.prepare(running, 1_000)
    slots.prepare(ended, 1_000)
    // A slot kept by an earlier run of a job that now runs again (resumed): stale.
    writeFileSync(
      slots.pathOf(resumed),
      JSON.stringify({
        jobId: resumed,
        startedAt: 1_000,
        held: { outcome: { status: 'failed', message: 'old' }, error: 'full', since: 1 }
      })
    )
    writeFileSync(slots.pathOf(999), JSON.stringify({ jobId: 999, startedAt: 5 }))
    // Unreadable: fresh (perhaps mid-write) stays, old (damaged) goes.
    const [fresh, damaged] = [slots.pathOf(997), slots.pathOf(998)]
    writeFileSync(fresh, '{"jobId":997,"sta')
    writeFileSync(damaged, '{"jobId":998,"sta')
    utimesSync(damaged, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000))

    expect(applyPendingOutcomes(temp.dir, jobs)).toEqual([])
    expect(existsSync(slots.pathOf(running))).toBe(true)
    expect(existsSync(slots.pathOf(ended))).toBe(false)
    expect(existsSync(slots.pathOf(resumed))).toBe(false)
    expect(existsSync(slots.pathOf(999))).toBe(false)
    expect(existsSync(fresh)).toBe(true)
    expect(existsSync(damaged)).toBe(false)
    expect(jobs.getJob(resumed)?.status).toBe('processing')
  })

  test('a database that still refuses keeps the slot for the next try', () => {
    const id = runningJob()
    const ledger = new OutcomeLedger({ repo: jobs, slots })
    ledger.prepare(id, 1_000)
    temp.db.pragma('query_only = 1')
    ledger.record(id, { status: 'failed', message: 'engine crashed' })
    ledger.dispose()
    expect(applyPendingOutcomes(temp.dir, jobs)).toEqual([])
    expect(existsSync(slots.pathOf(id))).toBe(true)
    temp.db.pragma('query_only = 0')
    expect(applyPendingOutcomes(temp.dir, jobs)).toEqual([
      { jobId: id, status: 'failed', written: true }
    ])
    expect(jobs.getJob(id)).toMatchObject({ status: 'failed', error_message: 'engine crashed' })
  })
})

test('the reaper records a kept outcome instead of failing the job as orphaned', async () => {
  const id = runningJob()
  // Its owner (a CLI that exited on a full disk) is gone.
  ownedByAGoneProcess(id)
  slots.prepare(id, 1_000)
  slots.hold(id, {
    outcome: { status: 'completed', outputs: { txt: '/o/t.txt' } },
    error: 'full',
    since: 1
  })
  expect(await reapOnce()).toEqual([])
  expect(jobs.getJob(id)).toMatchObject({ status: 'completed', error_message: null })
  expect(existsSync(slots.pathOf(id))).toBe(false)
})

test('a reaped job (its owner gone, no outcome kept) leaves no slot behind', async () => {
  const id = runningJob()
  ownedByAGoneProcess(id)
  slots.prepare(id, 1_000)
  const [reaped] = await reapOnce()
  expect(reaped.message).toMatch(/^orphaned: owner process 4194305 is gone/)
  expect(jobs.getJob(id)?.status).toBe('failed')
  expect(existsSync(slots.pathOf(id))).toBe(false)
})
