// The reaper acts on database rows written by some other (dead or hung) instance. It must kill
// a matching orphaned tree, never touch a reused pid, and mark every orphan failed (`orphaned:`).
import { spawn, type ChildProcess } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { readProcEntry } from '../../../src/main/os/processTable'
import { readStartTime } from '../../../src/main/os/processIdentity'
import {
  aliveInGroups,
  deadPid,
  groupsLedBy,
  groupTree,
  makeEnv,
  processingJob,
  sampleJob,
  stillAlive,
  TREE,
  treeNow,
  waitFor,
  type TestEnv
} from './helpers'
import { seedQueue } from '../../support/queueSeed'

const started: ChildProcess[] = []

/** A tree started outside any ProcessManager, as a crashed instance would have left it. */
function orphanTree(): { pid: number; startTime: string } {
  const child = spawn(
    process.execPath,
    [TREE, JSON.stringify({ sleepers: 3, setsid: 2, nested: 1 })],
    {
      detached: true,
      stdio: 'ignore'
    }
  )
  started.push(child)
  const pid = child.pid as number
  return { pid, startTime: readStartTime(pid) as string }
}

describe('cleanupOrphanedProcesses', () => {
  let env: TestEnv | undefined
  afterEach(async () => {
    for (const c of started.splice(0)) {
      try {
        process.kill(-(c.pid as number), 'SIGKILL')
      } catch {
        // already gone: the reaper did its job
      }
      c.kill('SIGKILL')
    }
    await env?.cleanup()
    env = undefined
  })

  it('never touches a reused pid: the unrelated process lives on, the job is failed', async () => {
    env = makeEnv()
    const jobId = processingJob(env.store)
    const unrelated = spawn('sleep', ['1000'], { stdio: 'ignore' })
    started.push(unrelated)
    const pid = unrelated.pid as number
    await waitFor(() => readStartTime(pid), 'sleep to start')
    const realGroup = readProcEntry(pid)?.pgid as number // our own test runner's group!
    env.store.jobs.registerProcess(jobId, {
      pid,
      startTime: 'some-other-boot:12345', // the pipeline that once had this pid
      pgid: realGroup,
      logPath: '/nonexistent.log',
      ownerInstance: 'crashed-instance',
      ownerPid: await deadPid()
    })

    const results = await env.pm.cleanupOrphanedProcesses(300)

    expect(results).toHaveLength(1)
    expect(results[0].found).toBe('pid-reused')
    expect(results[0].kill).toBeNull()
    expect(readStartTime(pid)).not.toBeNull() // still alive
    expect(unrelated.exitCode).toBeNull()
    const row = env.store.jobs.getJob(jobId)
    expect(row?.status).toBe('failed')
    expect(row?.error_message).toMatch(
      /^orphaned: owner process \d+ is gone; pid \d+ now belongs to another program; killed nothing$/
    )
  })

  it('kills a matching tree whose heartbeat is stale and marks the job failed', async () => {
    env = makeEnv({ orphanTimeoutSeconds: 300 })
    const jobId = processingJob(env.store)
    const fresh = processingJob(env.store)
    const tree = orphanTree()
    const ref = groupTree(jobId, tree.pid, tree.startTime)
    await waitFor(() => treeNow(ref).length >= 11, 'the orphan tree')
    const before = treeNow(ref)
    const groups = groupsLedBy(before)
    const registration = {
      pid: tree.pid,
      startTime: tree.startTime,
      pgid: tree.pid,
      logPath: '/x.log',
      ownerInstance: 'hung-instance',
      ownerPid: process.pid
    }
    env.store.jobs.registerProcess(jobId, registration, Date.now() - 400_000)
    // Same owner, heartbeat fresh: not an orphan (and its "tree" is someone else's anyway).
    env.store.jobs.registerProcess(fresh, { ...registration, startTime: 'not-checked' })

    const results = await env.pm.cleanupOrphanedProcesses(300)

    expect(results.map((r) => r.jobId)).toEqual([jobId])
    expect(stillAlive(before)).toEqual([])
    expect(aliveInGroups(groups)).toEqual([])
    const row = env.store.jobs.getJob(jobId)
    expect(row?.status).toBe('failed')
    expect(row?.error_message).toMatch(/^orphaned: no heartbeat for \d+ s; killed \d+ processes$/)
    expect(results[0].kill?.killed.length).toBeGreaterThanOrEqual(before.length)
    expect(env.store.jobs.getJob(fresh)?.status).toBe('processing')
  })

  it('reaps a job whose owner process is dead at startup, without waiting for the timeout', async () => {
    env = makeEnv({ orphanTimeoutSeconds: 86_400 })
    const jobId = processingJob(env.store)
    const tree = orphanTree()
    const ref = groupTree(jobId, tree.pid, tree.startTime)
    await waitFor(() => treeNow(ref).length >= 11, 'the orphan tree')
    const before = treeNow(ref)
    env.store.jobs.registerProcess(jobId, {
      pid: tree.pid,
      startTime: tree.startTime,
      pgid: tree.pid,
      logPath: '/x.log',
      ownerInstance: 'crashed-instance',
      ownerPid: await deadPid()
    }) // heartbeat: now

    env.pm.startReaper()

    await waitFor(
      () => env?.store.jobs.getJob(jobId)?.status === 'failed',
      'the reaper to mark it failed'
    )
    expect(stillAlive(before)).toEqual([])
    expect(env.store.jobs.getJob(jobId)?.error_message).toMatch(
      /^orphaned: owner process \d+ is gone; killed \d+ processes$/
    )
  })

  it('fails a queued job whose creator died (nobody will ever start it); a live creator keeps its queue', async () => {
    env = makeEnv({ orphanTimeoutSeconds: 86_400 })
    const stranded = env.store.jobs.createJob(
      sampleJob({ owner_instance: 'crashed-instance', owner_pid: await deadPid() })
    )
    const waiting = env.store.jobs.createJob(
      // process.ppid: alive, and not this process
      sampleJob({ owner_instance: 'busy-cli', owner_pid: process.ppid })
    )
    // Written before owners were recorded: judged by age against the (3 × heartbeat) floor.
    const legacyOld = env.store.jobs.createJob(sampleJob(), Date.now() - 60_000)
    const legacyNew = env.store.jobs.createJob(sampleJob())

    const results = await env.pm.cleanupOrphanedProcesses(1)

    expect(results.map((r) => [r.jobId, r.found])).toEqual([
      [stranded.id, 'never-started'],
      [legacyOld.id, 'never-started']
    ])
    expect(env.store.jobs.getJob(stranded.id)?.status).toBe('failed')
    expect(env.store.jobs.getJob(stranded.id)?.error_message).toMatch(
      /^orphaned: owner process \d+ is gone; it never started; nothing to kill$/
    )
    expect(env.store.jobs.getJob(legacyOld.id)?.error_message).toMatch(
      /^orphaned: queued \d+ s ago by an unknown owner; it never started; nothing to kill$/
    )
    expect(env.store.jobs.getJob(waiting.id)?.status).toBe('queued')
    expect(env.store.jobs.getJob(legacyNew.id)?.status).toBe('queued')
  })

  it("a live creator's queue of 5,000 is judged by its creator alone, not read row by row", async () => {
    env = makeEnv({ orphanTimeoutSeconds: 86_400 })
    seedQueue(env.store.db, 5_000, process.ppid)
    const stranded = env.store.jobs.createJob(
      sampleJob({ owner_instance: 'crashed-instance', owner_pid: await deadPid() })
    )
    const jobs = env.store.jobs
    const readQueued = jobs.getQueuedJobsOf.bind(jobs)
    let rowsRead = 0
    jobs.getQueuedJobsOf = (owner) => {
      const rows = readQueued(owner)
      rowsRead += rows.length
      return rows
    }

    const results = await env.pm.cleanupOrphanedProcesses(1)

    expect(results.map((r) => r.jobId)).toEqual([stranded.id])
    expect(rowsRead).toBe(1)
    expect(jobs.listJobs({ status: 'queued' })).toHaveLength(5_000)
  })

  it('with processTracking off, reaps nothing', async () => {
    env = makeEnv({ processTracking: false })
    const jobId = processingJob(env.store)
    env.store.jobs.registerProcess(jobId, {
      pid: 1,
      startTime: 'x',
      pgid: 1,
      logPath: '/x.log',
      ownerInstance: 'gone',
      ownerPid: await deadPid()
    })
    expect(await env.pm.cleanupOrphanedProcesses(30)).toEqual([])
    expect(env.store.jobs.getJob(jobId)?.status).toBe('processing')
  })
})
