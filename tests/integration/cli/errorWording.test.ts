// Issue 11 #8: errors named for what they are.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/core/openDataDir'
import { createTranscriptionService } from '../../../src/main/core/service/transcriptionService'
import { makeEnv, processingJob } from '../process/helpers'
import { whyNoFullDisk } from '../../support/fullDisk'
import { makeTempDir, removeDir } from '../../support/db'
import { joinedSpeech } from '../../support/speech'
import { waitFor } from '../../support/waitFor'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const cli = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TRANSCRIPTOR_HOME: '' },
    timeout: 60_000
  })

let dir: string
beforeEach(() => {
  dir = makeTempDir('transcriptor-wording-')
})
afterEach(() => removeDir(dir))

describe('error wording', () => {
  it('a locked database is reported as locked, not as "not a Transcriptor database"', () => {
    const dataDir = join(dir, 'data')
    openStore(dataDir).close()
    const holder = new Database(join(dataDir, 'transcriptor.db'))
    holder.pragma('locking_mode = EXCLUSIVE')
    holder.exec('BEGIN EXCLUSIVE')
    try {
      const run = cli(['--data-dir', dataDir, 'jobs', 'list'])
      expect(run.status).not.toBe(0)
      expect(run.stderr).toMatch(/is locked by another program/)
      expect(run.stderr).not.toMatch(/not a Transcriptor database/)
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }
  })

  it('a spawn failure names its reason (ENOENT), not just "spawn failed"', async () => {
    const env = makeEnv()
    try {
      const jobId = processingJob(env.store)
      expect(() =>
        env.pm.spawnJob({ jobId, command: '/nonexistent/engine', args: [], ownerId: 'w' })
      ).toThrow(/cannot start \/nonexistent\/engine: ENOENT/)
    } finally {
      await env.cleanup()
    }
  })

  it('a name that is not valid UTF-8 and a relative path over IPC are refused for what they are', async () => {
    const service = createTranscriptionService({ dataDir: join(dir, 'svc') })
    try {
      const ctx = { clientId: 'c' }
      const { created, rejected } = await service.handlers['jobs.create'](
        { paths: [join(dir, 'caf\uFFFD.wav'), 'relative/talk.wav'] },
        ctx
      )
      expect(created[0].status).toBe('failed')
      expect(created[0].error_message).toMatch(/not valid UTF-8/)
      expect(rejected).toEqual([{ path: 'relative/talk.wav', reason: 'not an absolute path' }])
    } finally {
      await service.shutdown('test over')
    }
  })

  it('Ctrl-C records what it prints: interrupted (SIGINT)', async () => {
    const dataDir = join(dir, 'data')
    const child = spawn(
      process.execPath,
      [BIN, '--data-dir', dataDir, 'transcribe', joinedSpeech(dir, 3), '--processes', '1'],
      { stdio: ['ignore', 'ignore', 'pipe'] }
    )
    let stderr = ''
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    const exited = new Promise((done) => child.on('exit', done))
    // The job must be running when Ctrl-C comes. A hand-made deadline that passed silently sent
    // it anyway, to a CLI perhaps still starting (no row yet): the test then failed on the row,
    // far from the cause. waitFor fails here, naming what it waited for.
    await waitFor(() => /job 1 .*: [a-z ]+ \d+%/.test(stderr), 'the job to be running', 30_000)
    child.kill('SIGINT')
    const code = await exited
    expect(code).toBe(130)
    const db = new Database(join(dataDir, 'transcriptor.db'), { readonly: true })
    const row = db.prepare('SELECT status, cancel_reason FROM transcription_jobs').get() as {
      status: string
      cancel_reason: string
    }
    db.close()
    expect(row).toEqual({
      status: 'cancelled',
      cancel_reason: 'interrupted (SIGINT) from the command line'
    })
  })

  it.skipIf(whyNoFullDisk() !== null)('doctor does not say "ready" on a read-only data dir', () => {
    const ro = join(dir, 'ro')
    mkdirSync(ro)
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro])
    try {
      const run = cli(['--data-dir', join(ro, 'data'), 'doctor'])
      expect(run.status).toBe(1)
      expect(run.stdout).toMatch(/MISSING\s+database\s+.* is not writable \(EROFS\)/)
      expect(run.stdout).not.toMatch(/ready to transcribe/)
    } finally {
      execFileSync('umount', ['-l', ro])
    }
  })
})
