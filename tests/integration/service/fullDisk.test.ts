// Issue 11 #2: the data dir's disk fills up while a job runs, so the job's final status cannot be
// written. The outcome must not be lost (held, reported, written once the disk has room), the
// queue must keep moving, and the CLI must say so and exit non-zero — no stack trace, no SIGBUS.
// A real full disk: a small tmpfs, filled to the last byte. Mounting needs root (CI here runs as
// root); elsewhere the test is reported as skipped with the reason.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AppNotice } from '@shared/ipc/contract'
import type { JobRow } from '@shared/domain'
import {
  createTranscriptionService,
  type TranscriptionService
} from '../../../src/main/core/service/transcriptionService'
import { mountSmallDisk, whyNoFullDisk, type SmallDisk } from '../../support/fullDisk'
import { testJobOptions } from '../../support/jobOptions'
import { jobWorkDir } from '../../../src/main/core/paths'
import { joinedSpeech } from '../../support/speech'
import { waitFor } from '../../support/waitFor'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')
const noDisk = whyNoFullDisk()
if (noDisk) console.warn(`full-disk tests not run: ${noDisk}`)

let dir: string
let disk: SmallDisk
const ctx = { clientId: 'client-full' }

function mountFresh(): void {
  dir = mkdtempSync(join(tmpdir(), 'transcriptor-fulldisk-'))
  disk = mountSmallDisk(48)
}

function unmount(): void {
  disk.unmount()
  rmSync(dir, { recursive: true, force: true })
}

/** The row as the database holds it (a separate read-only connection, like another process). */
function storedRow(dataDir: string, id: number): JobRow | undefined {
  const db = new Database(join(dataDir, 'transcriptor.db'), { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT * FROM transcription_jobs WHERE id = ?').get(id) as JobRow | undefined
  } finally {
    db.close()
  }
}

/**
 * Fills the disk so that the database's next write needs new space: the WAL is checkpointed and
 * truncated first (a WAL with room left would take a few more commits even on a full disk).
 */
function fillUnderDatabase(dataDir: string): () => void {
  const db = new Database(join(dataDir, 'transcriptor.db'))
  try {
    db.pragma('busy_timeout = 5000')
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
  return disk.keepFull()
}

/**
 * Waits for the job's first chunk checkpoint: from then on the pipeline writes nothing more to the
 * data dir's disk until its outputs (progress alone moves within a chunk, before its checkpoint).
 */
async function firstChunkDone(dataDir: string, id: number): Promise<void> {
  const checkpointed = (): boolean => {
    try {
      return readdirSync(jobWorkDir(dataDir, id)).some((f) => /^chunk-\d+\.json$/.test(f))
    } catch {
      return false
    }
  }
  await waitFor(checkpointed, 'the first chunk', 60_000)
}

interface CliRun {
  /** Everything it printed on stderr so far. */
  stderr: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** `transcriptor transcribe` of `speech` into `dataDir` (two chunks), once its first is done. */
async function transcribeUntilFirstChunk(dataDir: string, speech: string): Promise<CliRun> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      '--data-dir',
      dataDir,
      'transcribe',
      speech,
      '--processes',
      '1',
      '--chunk',
      '15',
      '--out',
      dir
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let stderr = ''
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
  const exited: CliRun['exited'] = new Promise((done) =>
    child.on('exit', (code, signal) => done({ code, signal }))
  )
  await firstChunkDone(dataDir, 1)
  return { stderr: () => stderr, exited }
}

describe.skipIf(noDisk !== null)('a full disk when a job ends', () => {
  let service: TranscriptionService | null = null
  beforeEach(mountFresh)
  afterEach(async () => {
    await service?.shutdown('test over')
    service = null
    unmount()
  })

  it('holds the outcome, reports it, frees the slot, and writes it once the disk has room', async () => {
    const dataDir = join(disk.dir, 'data')
    service = createTranscriptionService({ dataDir })
    const notices: AppNotice[] = []
    service.on('app.notice', (n) => notices.push(n))
    // 27 s of speech in two chunks: the disk fills while the second one is transcribed.
    const speech = joinedSpeech(dir, 1)
    const options = testJobOptions({ outputDir: join(dir, 'out'), chunkSeconds: 15 })
    const { created } = await service.handlers['jobs.create'](
      { paths: [speech, speech], options },
      ctx
    )
    const [first, second] = created.map((j) => j.id)
    // One chunk of two done (the second one's audio is cut already): now the disk fills up.
    await firstChunkDone(dataDir, first)
    const stopFilling = fillUnderDatabase(dataDir)

    const [ended] = await service.waitForJobs([first])
    expect(ended.status).toBe('completed')
    expect(storedRow(dataDir, first)?.status).toBe('processing')
    expect(service.unsavedOutcomes().map((h) => h.jobId)).toContain(first)
    expect(notices.find((n) => n.jobIds.includes(first))?.message).toMatch(
      /database refused to record it \(database or disk is full\)/
    )
    // The slot was freed: the queued job got its turn (and was refused a start, held as well).
    const [next] = await service.waitForJobs([second])
    expect(next.status).toBe('failed')
    expect(next.error_message).toMatch(/could not start: database or disk is full/)

    stopFilling()
    disk.free()
    await waitFor(
      () => {
        const rows = [storedRow(dataDir, first), storedRow(dataDir, second)]
        return rows[0]?.status === 'completed' && rows[1]?.status === 'failed'
      },
      'the held outcomes to be written',
      60_000
    )
    expect(service.unsavedOutcomes()).toEqual([])
    expect(notices.some((n) => n.level === 'info' && n.jobIds.includes(first))).toBe(true)
  })
})

// One CLI run that ends on a full disk, asserted by two tests: what it says, and what the next
// command does with the outcome it kept.
describe.skipIf(noDisk !== null)('the CLI when the disk is full as its job ends', () => {
  const dataDir = (): string => join(disk.dir, 'data')
  let exit: { code: number | null; signal: NodeJS.Signals | null }
  let stderr: string
  let slotWasKept: boolean
  const slot = (): string => join(dataDir(), 'outcomes', 'job-1.json')
  beforeAll(async () => {
    mountFresh()
    const transcribe = await transcribeUntilFirstChunk(dataDir(), joinedSpeech(dir, 1))
    const stopFilling = fillUnderDatabase(dataDir())
    exit = await transcribe.exited
    stopFilling()
    stderr = transcribe.stderr()
    slotWasKept = existsSync(slot())
  })
  afterAll(unmount)

  it('the CLI says which outcome was not recorded and exits non-zero, without a stack trace', () => {
    expect(exit.signal).toBeNull()
    expect(exit.code).toBe(75)
    expect(stderr).toMatch(
      /job 1: completed, but not recorded in the database \(database or disk is full\)/
    )
    expect(stderr).not.toMatch(/SqliteError|listener for .* failed|\n\s+at /)
  })

  it('an outcome the CLI could not record is recorded by the next command, once the disk has room', async () => {
    const run = (args: string[]): ReturnType<typeof runCli> =>
      runCli(['--data-dir', dataDir(), ...args])
    expect(exit.code).toBe(75)
    const keptIn = /kept in (\S+);/.exec(stderr)?.[1]

    disk.free()
    const listed = await run(['jobs', 'list', '--json'])
    expect(listed.code, listed.stderr).toBe(0)
    const [job] = JSON.parse(listed.stdout) as JobRow[]
    expect(job).toMatchObject({ id: 1, status: 'completed', error_message: null })
    const outputs = JSON.parse(job.output_files ?? '{}') as Record<string, string>
    expect(Object.keys(outputs)).toContain('txt')
    expect(readFileSync(outputs.txt, 'utf8').trim().length).toBeGreaterThan(0)
    expect(keptIn, stderr).toBe(slot())
    expect(slotWasKept).toBe(true)
    expect(existsSync(slot())).toBe(false)
    // Recorded, not orphaned: the reaper finds nothing to fail.
    const reaped = await run(['reap', '--json'])
    expect(JSON.parse(reaped.stdout)).toEqual([])
    expect(storedRow(dataDir(), 1)?.status).toBe('completed')
  })
})

/** One CLI command to its end. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    child.on('exit', (code) => done({ code, stdout, stderr }))
  })
}
