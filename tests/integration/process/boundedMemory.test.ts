// Issue 11 #7: a long-running host must not keep every job it ever ran in memory, and the reaper
// must never run twice at once (startup ran one reap plus the first tick of the repeating one).
import { describe, expect, it } from 'vitest'
import { envPerTest, processingJob, sampleJob } from './helpers'

describe('ProcessManager memory and reaping', () => {
  const openEnv = envPerTest()

  // 250 exits, over ten times the 20 ended jobs whose histories are kept: a map that grows with
  // every job ever run holds 250 entries here and fails, as it would at 1,000 (which cost the
  // lane that ends last about 20 s more).
  it('250 exits keep its maps bounded', async () => {
    const env = openEnv({ processTracking: true })
    const { pm, store } = env
    const exited: Promise<void>[] = []
    for (let batch = 0; batch < 5; batch++) {
      const ids = Array.from({ length: 50 }, () => processingJob(store))
      for (const jobId of ids) {
        exited.push(
          new Promise((done) => {
            const off = pm.on('exit', (e) => {
              if (e.jobId !== jobId) return
              off()
              done()
            })
          })
        )
        pm.spawnJob({ jobId, command: '/bin/true', args: [], ownerId: 'w' })
      }
      await Promise.all(exited)
    }
    await Promise.all(exited)
    const size = pm.footprint()
    expect(size.jobs).toBeLessThanOrEqual(0)
    expect(size.histories).toBeLessThanOrEqual(50)
  }, 180_000)

  it('one reap at a time: two concurrent calls do one reap', async () => {
    const env = openEnv({ processTracking: true })
    const { pm, store } = env
    // An orphan: its owner pid cannot exist (2^22 + 1 is above any pid_max; 2^22 - 1 is a real
    // pid wherever pid_max is 2^22, the default of many distributions).
    const row = store.jobs.createJob(sampleJob({ owner_pid: 4_194_305, owner_instance: 'x' }))
    store.jobs.startJob(row.id)
    let reapedEvents = 0
    pm.on('reaped', () => reapedEvents++)
    const [a, b] = await Promise.all([
      pm.cleanupOrphanedProcesses(300),
      pm.cleanupOrphanedProcesses(300)
    ])
    expect(a.map((r) => r.jobId)).toEqual([row.id])
    expect(b).toBe(a)
    expect(reapedEvents).toBe(1)
  })
})
