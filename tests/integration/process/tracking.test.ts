// The processTracking switch and the heartbeat, observed in the database.
import { describe, expect, it } from 'vitest'
import type { Settings } from '@shared/domain'
import { envPerTest, groupTree, processingJob, stillAlive, TREE, treeNow, waitFor } from './helpers'

/**
 * Resolves once `count` heartbeat runs have finished from now: the heartbeat reads its interval
 * right after each run, to schedule the next one.
 */
function heartbeatRuns(settings: Settings, count: number): Promise<void> {
  const seconds = settings.heartbeatIntervalSeconds
  let reads = 0
  return new Promise((resolve) => {
    Object.defineProperty(settings, 'heartbeatIntervalSeconds', {
      get: () => {
        if (++reads >= count) resolve()
        return seconds
      }
    })
  })
}

describe('processTracking and heartbeat', () => {
  const openEnv = envPerTest()

  it('off: the job runs, logs and stops, but nothing is registered or heartbeated', async () => {
    const env = openEnv({ processTracking: false, heartbeatIntervalSeconds: 1 })
    const jobId = processingJob(env.store)
    env.pm.startHeartbeat()
    const spawned = env.pm.spawnJob({
      jobId,
      command: process.execPath,
      args: [TREE, JSON.stringify({ sleepers: 3, setsid: 2 })],
      ownerId: 'w'
    })
    expect(spawned.registered).toBe(false)
    const ref = groupTree(jobId, spawned.pid)
    await waitFor(() => treeNow(ref).length >= 5, 'the tree')
    await waitFor(async () => (await env.pm.getLogs(jobId, 5))?.includes('ready'), 'the ready line')
    const before = treeNow(ref)
    // Two more heartbeats run: still nothing recorded.
    await heartbeatRuns(env.settings, 2)
    const row = env.store.jobs.getJob(jobId)
    expect(row?.process_id).toBeNull()
    expect(row?.process_start_time).toBeNull()
    expect(row?.last_heartbeat).toBeNull()
    expect(row?.log_file_path).toBeNull()
    expect(env.pm.isProcessRunning(jobId)).toBe(true)

    const result = await env.pm.killProcessTree(jobId, { reason: 'stop' })
    expect(result.survivors).toEqual([])
    expect(stillAlive(before)).toEqual([])
    expect(env.store.jobs.getJob(jobId)?.status).toBe('cancelled')
  })

  it('on: one heartbeat write for the running jobs every interval', async () => {
    const env = openEnv({ heartbeatIntervalSeconds: 1 })
    const jobId = processingJob(env.store)
    env.pm.spawnJob({ jobId, command: 'sleep', args: ['1000'], ownerId: 'w' })
    const first = env.store.jobs.getJob(jobId)?.last_heartbeat ?? 0
    expect(first).toBeGreaterThan(0)
    env.pm.startHeartbeat()
    await waitFor(
      () => (env.store.jobs.getJob(jobId)?.last_heartbeat ?? 0) > first + 500,
      'a later heartbeat',
      10_000
    )
  })
})
