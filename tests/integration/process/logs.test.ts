// The human log: 100,000 lines from a real child arrive in order with none lost, both at live
// subscribers (in batches, never one delivery per line) and in the log file; structured events
// travel separately on fd 3; the last lines of a 1 GB log come back without reading it all.
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync
} from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PipelineEvent } from '@shared/pipelineProtocol'
import { jobLogPath } from '../../../src/main/core/paths'
import { ProcessManager, type JobExit } from '../../../src/main/core/process/processManager'
import { FIXTURES, envPerTest, processingJob, waitFor } from './helpers'

const LINES = join(FIXTURES, 'lines.mjs')
const N = 100_000
const expectedLine = (i: number): string => `line ${i} ${'x'.repeat(40)}`
const ours = (line: string): boolean => !line.startsWith('[transcriptor]')

function runLines(pm: ProcessManager, jobId: number, extra: string[] = []) {
  const lines: string[] = []
  const events: PipelineEvent[] = []
  let batches = 0
  let exit: JobExit | undefined
  pm.on('log', (b) => {
    if (b.jobId !== jobId) return
    batches++
    lines.push(...b.lines)
  })
  pm.on('pipelineEvent', (e) => e.jobId === jobId && events.push(e.event))
  pm.on('exit', (e) => {
    if (e.jobId === jobId) exit = e
  })
  const startedAt = Date.now()
  pm.spawnJob({
    jobId,
    command: process.execPath,
    args: [LINES, String(N), ...extra],
    ownerId: 'w'
  })
  return {
    lines,
    events,
    batches: () => batches,
    startedAt,
    exited: () => waitFor(() => exit, 'the job to exit', 60_000)
  }
}

describe('job logs', () => {
  const openEnv = envPerTest()

  it('delivers 100,000 lines in order with none lost, to subscribers and to the file', async () => {
    const env = openEnv()
    const jobId = processingJob(env.store)
    const run = runLines(env.pm, jobId, ['events'])
    const exit = await run.exited()
    const elapsedMs = Date.now() - run.startedAt
    expect(exit.code).toBe(0)
    expect(exit.stoppedByUs).toBe(false)

    const live = run.lines.filter(ours)
    expect(live.length).toBe(N)
    for (let i = 0; i < N; i++)
      if (live[i] !== expectedLine(i)) expect(live[i]).toBe(expectedLine(i))
    // Timer-coalesced: at most one delivery per 50 ms (+ the final flush).
    expect(run.batches()).toBeLessThanOrEqual(Math.ceil(elapsedMs / 50) + 2)

    const file = readFileSync(env.pm.getLogPath(jobId), 'utf8')
      .split('\n')
      .filter((l) => l && ours(l))
    expect(file.length).toBe(N)
    expect(file[0]).toBe(expectedLine(0))
    expect(file[N - 1]).toBe(expectedLine(N - 1))
    expect(file.every((l, i) => l === expectedLine(i))).toBe(true)

    // Structured events: on their own channel, none leaked into the human log.
    expect(run.events.length).toBe(N / 1000)
    expect(run.events[0]).toMatchObject({ type: 'progress', chunksDone: 0 })
    expect(live.some((l) => l.includes('"type"'))).toBe(false)

    expect(await env.pm.getLogs(jobId, 3)).toEqual([
      expectedLine(N - 3),
      expectedLine(N - 2),
      expectedLine(N - 1)
    ])
  })

  it('caps the file by rotating to .1 with a marker line, losing nothing live', async () => {
    const env = openEnv()
    const pm = new ProcessManager({
      repo: env.store.jobs,
      dataDir: env.dataDir,
      instanceId: 'rotation',
      settings: () => env.settings,
      maxLogBytes: 1024 * 1024
    })
    const jobId = processingJob(env.store)
    const run = runLines(pm, jobId)
    await run.exited()
    expect(run.lines.filter(ours).length).toBe(N)
    const path = pm.getLogPath(jobId)
    expect(existsSync(`${path}.1`)).toBe(true)
    expect(statSync(path).size).toBeLessThanOrEqual(1024 * 1024)
    expect(readFileSync(path, 'utf8').split('\n')[0]).toMatch(
      /^\[transcriptor\] log reached 1 MB; earlier output is in transcribe_job_\d+\.log\.1$/
    )
    expect((await pm.getLogs(jobId, 2)).at(-1)).toBe(expectedLine(N - 1))
    await pm.dispose()
  })

  it('an event still on its way when the pipeline exits arrives before the exit is reported', async () => {
    // The job runner counts a job completed only if its `done` event came before the exit.
    const env = openEnv()
    const jobId = processingJob(env.store)
    const order: string[] = []
    env.pm.on('pipelineEvent', (e) => e.jobId === jobId && order.push(e.event.type))
    let exited = false
    env.pm.on('exit', (e) => {
      if (e.jobId !== jobId) return
      order.push('exit')
      exited = true
    })
    env.pm.spawnJob({
      jobId,
      command: process.execPath,
      args: [join(FIXTURES, 'lateEvent.mjs')],
      ownerId: 'w'
    })
    await waitFor(() => exited, 'the job to exit', 10_000)
    expect(order).toEqual(['done', 'exit'])
  })

  it('getLogs returns the right last 50 lines of a 1 GB log', async () => {
    const env = openEnv()
    const jobId = processingJob(env.store)
    const path = jobLogPath(env.dataDir, jobId)
    mkdirSync(dirname(path), { recursive: true })
    const fd = openSync(path, 'w')
    const GB = 1024 * 1024 * 1024
    // 1 GB of filler (sparse: instant, no disk), then real lines: CRLF ones and multi-byte text.
    ftruncateSync(fd, GB)
    const tail: string[] = []
    for (let i = 0; i < 10_000; i++)
      tail.push(i % 7 === 0 ? `tail ${i} — naïve ✓ 日本語` : `tail ${i}`)
    const body = tail.map((l, i) => (i % 3 === 0 ? `${l}\r\n` : `${l}\n`)).join('')
    writeSync(fd, body, GB)
    closeSync(fd)
    expect(statSync(path).size).toBeGreaterThan(GB)

    const last = await env.pm.getLogs(jobId, 50)

    expect(last).toEqual(tail.slice(-50))
  })
})
