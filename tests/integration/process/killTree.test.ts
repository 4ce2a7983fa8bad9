// Stopping a real job tree of ≥ 20 processes — some in their own session (setsid, detached node),
// some ignoring SIGTERM, one that keeps forking — leaves nothing alive and the row `cancelled`.
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { readStartTime } from '../../../src/main/os/processIdentity'
import {
  aliveInGroups,
  groupsLedBy,
  envPerTest,
  processingJob,
  spawnedTree,
  stillAlive,
  TREE,
  treeNow,
  waitFor
} from './helpers'

const BIG_TREE = { sleepers: 6, setsid: 3, ignoreTerm: 3, nested: 2, forker: true, nodeDetached: 1 }

describe('killProcessTree', () => {
  const openEnv = envPerTest()

  it('leaves none of a 20+ process tree alive (setsid, SIGTERM-ignoring, forking) and marks it cancelled', async () => {
    const env = openEnv({}, 1000)
    const jobId = processingJob(env.store)
    const exits: { stoppedByUs: boolean }[] = []
    env.pm.on('exit', (e) => exits.push(e))
    const spawned = env.pm.spawnJob({
      jobId,
      command: process.execPath,
      args: [TREE, JSON.stringify(BIG_TREE)],
      ownerId: 'window-1'
    })
    expect(spawned.registered).toBe(true)
    const row = env.store.jobs.getJob(jobId)
    expect(row?.process_id).toBe(spawned.pid)
    expect(row?.process_start_time).toBeTruthy()
    expect(row?.process_group_id).toBe(spawned.pid)
    const ref = spawnedTree(env.store, jobId, spawned.pid)
    await waitFor(() => treeNow(ref).length >= 25, 'the tree to reach 25 processes')
    const before = treeNow(ref)
    expect(before.length).toBeGreaterThanOrEqual(20)
    const groups = groupsLedBy(before)
    expect(groups.size).toBeGreaterThanOrEqual(5) // the job's group + setsid'd sessions

    const result = await env.pm.killProcessTree(jobId, { reason: 'user pressed Stop' })

    expect(stillAlive(before)).toEqual([])
    expect(aliveInGroups(groups)).toEqual([]) // nothing unseen escaped either
    expect(result.survivors).toEqual([])
    expect(result.escalated).toBe(true) // the trap '' TERM shells needed SIGKILL
    expect(result.alreadyStopped).toBe(false)
    expect(result.killed.length).toBeGreaterThanOrEqual(before.length)
    const after = env.store.jobs.getJob(jobId)
    expect(after?.status).toBe('cancelled')
    expect(after?.cancel_reason).toBe('user pressed Stop')
    expect(env.pm.isProcessRunning(jobId)).toBe(false)
    await waitFor(() => exits.length === 1, 'the exit event')
    expect(exits[0].stoppedByUs).toBe(true)

    const again = await env.pm.killProcessTree(jobId, { reason: 'second click' })
    expect(again.alreadyStopped).toBe(true)
    expect(env.store.jobs.getJob(jobId)?.cancel_reason).toBe('user pressed Stop')
    const log = await env.pm.getLogs(jobId, 20)
    expect(log.join('\n')).toContain('stopping: user pressed Stop')
  })

  it('stops a tree that honours SIGTERM without escalating; a released owner’s keep-in-background jobs are spared', async () => {
    const env = openEnv({}, 5000)
    const a = processingJob(env.store)
    const b = processingJob(env.store)
    const args = [TREE, JSON.stringify({ sleepers: 4, setsid: 2 })]
    const ja = env.pm.spawnJob({ jobId: a, command: process.execPath, args, ownerId: 'tab-1' })
    const jb = env.pm.spawnJob({
      jobId: b,
      command: process.execPath,
      args,
      ownerId: 'tab-1',
      keepInBackground: true
    })
    const refA = spawnedTree(env.store, a, ja.pid)
    const refB = spawnedTree(env.store, b, jb.pid)
    await waitFor(() => treeNow(refA).length >= 7 && treeNow(refB).length >= 7, 'both trees')
    const treeA = treeNow(refA)
    expect(env.pm.ownerOf(a)).toBe('tab-1')

    const results = await Promise.all(
      env.pm
        .releasableJobs('tab-1')
        .map((id) => env.pm.killProcessTree(id, { reason: 'page closed' }))
    )

    expect(results.map((r) => r.jobId)).toEqual([a])
    expect(results[0].escalated).toBe(false)
    expect(stillAlive(treeA)).toEqual([])
    expect(env.store.jobs.getJob(a)?.status).toBe('cancelled')
    expect(env.pm.isProcessRunning(b)).toBe(true)
    expect(env.store.jobs.getJob(b)?.keep_in_background).toBe(1)
    const treeB = treeNow(refB)
    const all = await env.pm.stopAll('app quit')
    expect(all.map((r) => r.jobId)).toEqual([b])
    expect(stillAlive(treeB)).toEqual([])
    expect(env.store.jobs.getJob(b)?.cancel_reason).toBe('app quit')
  })

  it('registerProcess takes over a child spawned elsewhere; one sharing our group never gets a group signal', async () => {
    const env = openEnv()
    const jobId = processingJob(env.store)
    const child = spawn('sh', ['-c', 'sleep 1000 & wait'], { stdio: ['pipe', 'pipe', 'pipe'] })
    const registered = env.pm.registerProcess(jobId, child, ['sh', '-c', 'sleep 1000 & wait'])
    expect(registered).toMatchObject({ pid: child.pid, registered: true })
    expect(env.store.jobs.getJob(jobId)?.process_group_id).toBeNull()
    const ref = {
      jobId,
      rootPid: child.pid as number,
      rootStartTime: readStartTime(child.pid as number),
      pgid: null
    }
    await waitFor(() => treeNow(ref).length >= 2, 'sh and its sleep')
    const before = treeNow(ref)

    const result = await env.pm.killProcessTree(jobId, { reason: 'stop' })

    expect(result.survivors).toEqual([])
    expect(stillAlive(before)).toEqual([])
    expect(env.store.jobs.getJob(jobId)?.status).toBe('cancelled')
    // We are still here: our own process group was never signalled.
  })
})
