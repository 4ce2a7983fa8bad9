// Metrics cover the WHOLE tree: the work happens in a grandchild while the root idles.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MetricsSample } from '@shared/domain'
import { FIXTURES, envPerTest, processingJob, waitFor } from './helpers'

const underShell = (script: string, ...args: string[]): string[] => [
  '-c',
  `"${process.execPath}" "${join(FIXTURES, script)}" ${args.join(' ')} & wait`
]

describe('metrics sampler', () => {
  const openEnv = envPerTest()

  it('reads ~100 % CPU for a busy-looping grandchild and ≥ 190 MB for one holding 200 MB', async () => {
    const env = openEnv()
    const busy = processingJob(env.store)
    const hog = processingJob(env.store)
    const samples: MetricsSample[] = []
    env.pm.on('metrics', (s) => samples.push(s))
    const b = env.pm.spawnJob({
      jobId: busy,
      command: 'sh',
      args: underShell('busy.mjs'),
      ownerId: 'w'
    })
    env.pm.spawnJob({ jobId: hog, command: 'sh', args: underShell('hog.mjs', '200'), ownerId: 'w' })

    const busySample = await waitFor(
      () => samples.find((s) => s.jobId === busy && s.cpuPercent > 60),
      'a busy sample above 60 % CPU',
      30_000
    )
    expect(busySample.processes.length).toBe(2) // sh + node
    const root = busySample.processes.find((p) => p.pid === b.pid)
    expect(root?.cpuPercent ?? 100).toBeLessThan(20) // the root idles; the tree is busy
    const worker = busySample.processes.find((p) => p.pid !== b.pid)
    expect(worker?.command).toContain('busy.mjs')
    expect(worker?.ppid).toBe(b.pid)

    const hogSample = await waitFor(
      () => samples.find((s) => s.jobId === hog && s.processes.some((p) => p.memoryMb >= 190)),
      'a sample showing the 200 MB',
      30_000
    )
    expect(hogSample.memoryMb).toBeGreaterThanOrEqual(190)

    const status = await env.pm.getProcessStatus(busy)
    expect(status.running).toBe(true)
    expect(status.pid).toBe(b.pid)
    expect(status.processes.length).toBe(2)
    expect(env.pm.getMetricsHistory(busy).length).toBeGreaterThanOrEqual(2)
    expect(env.pm.getMetricsHistory(busy).every((s) => s.jobId === busy)).toBe(true)

    await env.pm.killProcessTree(busy, { reason: 'done' })
    const after = await env.pm.getProcessStatus(busy)
    expect(after.running).toBe(false)
  })
})
