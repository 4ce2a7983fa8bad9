// Resume after kill -9 of the host: a job is interrupted half way by SIGKILL of the browser host
// that owns it (its pipeline's watchdog takes the tree down), the host is started again on the
// same data dir (its reaper fails the orphan), the job is resumed over the contract, and its
// transcript is word for word and time for time the transcript of an uninterrupted run.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { JobOptions } from '@shared/domain'
import type { Transcript } from '@shared/transcript'
import { jobLogPath, jobWorkDir } from '../../../src/main/core/paths'
import { connectClient, startHost, waitFor, type RunningHost } from '../../support/host'
import { isRunning } from '../../support/processes'
import { librivoxClips } from '../../support/speech'

const OPTIONS: JobOptions = {
  engine: 'pocketsphinx',
  model: '',
  processes: 1,
  workers: 1,
  chunkSeconds: 5,
  overlapSeconds: 1,
  formats: ['json'],
  outputDir: ''
}

let scratch: string | undefined
const hosts: RunningHost[] = []
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop('SIGKILL')
  if (scratch) rmSync(scratch, { recursive: true, force: true })
  scratch = undefined
})

async function transcribeOnce(
  host: RunningHost,
  input: string
): Promise<{ id: number; transcript: Transcript }> {
  const client = await connectClient(host)
  try {
    const { created } = await client.call('jobs.create', { paths: [input], options: OPTIONS })
    const id = created[0].id
    await waitFor(
      async () => (await client.call('jobs.get', { id }))?.status === 'completed',
      'the uninterrupted job',
      300_000
    )
    const transcript = await client.call('jobs.transcript', { id })
    if (!transcript) throw new Error('no transcript')
    return { id, transcript }
  } finally {
    await client.close()
  }
}

describe('resume after the host is killed with kill -9', () => {
  it(
    'transcribes only the missing chunks and gives the uninterrupted transcript',
    { timeout: 900_000 },
    async () => {
      scratch = mkdtempSync(join(tmpdir(), 'transcriptor-resume-'))
      // 10 s of speech (the first two clips): two 5 s chunks, one engine at a time, so the kill
      // when the first is done finds the second being transcribed, and leaves it to resume.
      const input = join(scratch, 'one reading.wav')
      execFileSync('sox', [...librivoxClips().slice(0, 2), input])

      // The uninterrupted run, on its own host and data dir, side by side with the crash below.
      const referenceRun = (async () => {
        const reference = await startHost({ dataDir: join(scratch!, 'reference') })
        hosts.push(reference)
        return transcribeOnce(reference, input)
      })()
      referenceRun.catch(() => undefined) // awaited below; a failure is reported there

      const dataDir = join(scratch, 'crashing')
      const first = await startHost({ dataDir })
      hosts.push(first)
      const client = await connectClient(first)
      const { created } = await client.call('jobs.create', { paths: [input], options: OPTIONS })
      const id = created[0].id
      // Kill the host once some chunks are done (checkpointed) and others are not.
      await client.waitForEvent('job.words', (c) => c.jobId === id, 300_000)
      const running = await client.call('jobs.get', { id })
      expect(running?.status).toBe('processing')
      const pipelinePid = running?.process_id ?? -1
      const workDir = jobWorkDir(dataDir, id)
      first.process.kill('SIGKILL')
      await first.stop('SIGKILL')
      // The pipeline's watchdog stops the tree; the checkpoints stay.
      await waitFor(() => !isRunning(pipelinePid), 'the orphaned pipeline to stop', 15_000)
      const checkpoints = readdirSync(workDir)
      expect(checkpoints).toContain('plan.json')
      expect(checkpoints.some((f) => /^chunk-\d+\.json$/.test(f))).toBe(true)

      const second = await startHost({ dataDir })
      hosts.push(second)
      const client2 = await connectClient(second)
      // The new host's reaper fails the orphan (its owner is dead); then it can be resumed.
      await waitFor(
        async () => (await client2.call('jobs.get', { id }))?.status === 'failed',
        'the reaper to fail the orphaned job',
        60_000
      )
      const resumed = await client2.call('jobs.resume', { id })
      expect(resumed.id).toBe(id)
      await waitFor(
        async () => {
          const row = await client2.call('jobs.get', { id })
          if (row?.status === 'failed') throw new Error(`resume failed: ${row.error_message}`)
          return row?.status === 'completed'
        },
        'the resumed job to complete',
        300_000
      )
      const transcript = await client2.call('jobs.transcript', { id })
      const uninterrupted = await referenceRun
      expect(transcript).toEqual(uninterrupted.transcript)
      const log = readFileSync(jobLogPath(dataDir, id), 'utf8')
      const reuse = /resume: reused (\d+) of (\d+) chunk\(s\)/.exec(log)
      expect(reuse).not.toBeNull()
      expect(Number(reuse?.[1])).toBeGreaterThan(0)
      expect(Number(reuse?.[1])).toBeLessThan(Number(reuse?.[2]))
      // One log, appended: the first run's lines are still there.
      expect(log.indexOf('cuts:')).toBeLessThan(log.indexOf('resume: reused'))
      expect(existsSync(workDir)).toBe(false)
      await client.close().catch(() => undefined)
      await client2.close()
    }
  )
})
