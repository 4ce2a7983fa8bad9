// `transcriptor jobs show/logs/stop` and `reap` through the built CLI: a different process from
// the job's owner, so everything it does goes through the database row and identity checks.
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { JobRow, ProcessStatus } from '@shared/domain'
import {
  deadPid,
  envPerTest,
  groupTree,
  processingJob,
  stillAlive,
  TREE,
  treeNow,
  waitFor
} from './helpers'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')

function cli(
  dataDir: string,
  args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
      env: { ...process.env, TRANSCRIPTOR_HOME: '' }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

describe('CLI: jobs show / logs / stop, reap', () => {
  const openEnv = envPerTest()

  it('shows the live tree, prints logs, and stops a job owned by another process', async () => {
    const env = openEnv()
    const jobId = processingJob(env.store)
    const spawned = env.pm.spawnJob({
      jobId,
      command: process.execPath,
      args: [TREE, JSON.stringify({ sleepers: 3, setsid: 2, ignoreTerm: 1 })],
      ownerId: 'w'
    })
    const ref = groupTree(jobId, spawned.pid)
    await waitFor(() => treeNow(ref).length >= 7, 'the tree')
    await waitFor(async () => (await env.pm.getLogs(jobId, 1))?.[0] === 'ready', 'the ready line')
    const before = treeNow(ref)

    const show = await cli(env.dataDir, ['jobs', 'show', String(jobId), '--json'])
    expect(show.stderr).toBe('')
    expect(show.code).toBe(0)
    const shown = JSON.parse(show.stdout) as { job: JobRow; process: ProcessStatus }
    expect(shown.job.status).toBe('processing')
    expect(shown.process.running).toBe(true)
    expect(shown.process.pid).toBe(spawned.pid)
    expect(shown.process.processes.map((p) => p.pid).sort()).toEqual(
      before.map((p) => p.pid).sort()
    )

    const human = await cli(env.dataDir, ['jobs', 'show', String(jobId)])
    expect(human.stdout).toMatch(new RegExp(`job ${jobId}: processing`))
    expect(human.stdout).toMatch(/live: +7 process\(es\)/)

    const logs = await cli(env.dataDir, ['jobs', 'logs', String(jobId), '--lines', '1'])
    expect(logs.code).toBe(0)
    expect(logs.stdout).toBe('ready\n')

    const stop = await cli(env.dataDir, ['jobs', 'stop', String(jobId)])
    expect(stop.stderr).toBe('')
    expect(stop.code).toBe(0)
    expect(stop.stdout).toMatch(
      // The owner's manager may sweep the SIGTERM-ignoring straggler first, so SIGKILL is optional.
      new RegExp(
        `^job ${jobId} cancelled: killed \\d+ process\\(es\\) (\\(some needed SIGKILL\\) )?in \\d+ ms\n$`
      )
    )
    expect(stillAlive(before)).toEqual([])
    const row = env.store.jobs.getJob(jobId)
    expect(row?.status).toBe('cancelled')
    expect(row?.cancel_reason).toBe('stopped from the command line')

    const again = await cli(env.dataDir, ['jobs', 'stop', String(jobId)])
    expect(again.code).toBe(0)
    expect(again.stdout).toBe(`job ${jobId} is already cancelled\n`)
  })

  it('follows a log until the job ends', async () => {
    const env = openEnv()
    const jobId = processingJob(env.store)
    env.pm.on('exit', (e) => env.store.jobs.completeJob(e.jobId, {}))
    env.pm.spawnJob({
      jobId,
      command: 'sh',
      args: ['-c', 'sleep 1; for i in 1 2 3; do echo follow-$i; sleep 0.3; done'],
      ownerId: 'w'
    })
    const followed = await cli(env.dataDir, ['jobs', 'logs', String(jobId), '--follow'])
    expect(followed.code).toBe(0)
    expect(followed.stdout).toMatch(/follow-1\nfollow-2\nfollow-3\n/)
  })

  it('reaps an orphan and explains bad input in one line', async () => {
    const env = openEnv()
    const jobId = processingJob(env.store)
    env.store.jobs.registerProcess(jobId, {
      pid: await deadPid(),
      startTime: 'x',
      pgid: null,
      logPath: '/x.log',
      ownerInstance: 'crashed',
      ownerPid: await deadPid()
    })
    const reaped = await cli(env.dataDir, ['reap', '--timeout', '60'])
    expect(reaped.code).toBe(0)
    expect(reaped.stdout).toMatch(
      new RegExp(
        `^job ${jobId}: orphaned: owner process \\d+ is gone; process \\d+ was already gone\\n$`
      )
    )
    expect(env.store.jobs.getJob(jobId)?.status).toBe('failed')
    expect((await cli(env.dataDir, ['reap'])).stdout).toBe('no orphaned jobs\n')

    const missing = await cli(env.dataDir, ['jobs', 'logs', '999'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe('transcriptor: no job with ID 999\n')
    const bad = await cli(env.dataDir, ['jobs', 'show', 'abc'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe("transcriptor: job ID must be a positive whole number, got 'abc'\n")
  })
})
