// Issue 11 #9: `transcriptor db backup FILE` and `db restore FILE` through the built CLI.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { openStore } from '../../../src/main/core/openDataDir'
import { bundledMigrations } from '../../../src/main/core/db/migrations'
import { makeTempDir, removeDir, sampleJob } from '../../support/db'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TRANSCRIPTOR_HOME: '' },
    timeout: 60_000
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function oneLineError(run: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(run.code).not.toBe(0)
  const lines = run.stderr.trimEnd().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
}

let dir: string
let dataDir: string
beforeEach(() => {
  dir = makeTempDir('transcriptor-backup-')
  dataDir = join(dir, 'data')
})
afterEach(() => removeDir(dir))

function jobCount(): number {
  const db = new Database(join(dataDir, 'transcriptor.db'), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM transcription_jobs').get() as { n: number }).n
  } finally {
    db.close()
  }
}

test('backup while the database is open elsewhere, then restore it: one line each, the replaced DB kept', () => {
  const store = openStore(dataDir)
  for (let i = 0; i < 3; i++) store.jobs.createJob(sampleJob({ filename: `a${i}.wav` }))
  const backup = join(dir, 'copy.db')
  const made = cli(['--data-dir', dataDir, 'db', 'backup', backup])
  expect(made.stderr).toBe('')
  expect(made.code).toBe(0)
  expect(made.stdout.trim().split('\n')).toHaveLength(1)
  expect(made.stdout).toMatch(/^backed up 3 job\(s\), schema v\d+, to .*copy\.db/)
  // Refuses to overwrite a file.
  oneLineError(cli(['--data-dir', dataDir, 'db', 'backup', backup]), /already exists/)

  for (let i = 0; i < 4; i++) store.jobs.createJob(sampleJob({ filename: `b${i}.wav` }))
  store.close()
  expect(jobCount()).toBe(7)
  const restored = cli(['--data-dir', dataDir, 'db', 'restore', backup])
  expect(restored.stderr).toBe('')
  expect(restored.code).toBe(0)
  expect(restored.stdout.trim().split('\n')).toHaveLength(1)
  const kept = /kept as (\S+)$/.exec(restored.stdout.trim())?.[1]
  expect(kept && existsSync(kept)).toBe(true)
  expect(jobCount()).toBe(3)
})

test('restore refuses a file that is not ours, a newer one, and running jobs', async () => {
  openStore(dataDir).close()
  const text = join(dir, 'notes.db')
  writeFileSync(text, 'hello\n')
  oneLineError(cli(['--data-dir', dataDir, 'db', 'restore', text]), /not a Transcriptor database/)

  const newer = join(dir, 'newer.db')
  const db = new Database(newer)
  db.exec('CREATE TABLE transcription_jobs (id INTEGER PRIMARY KEY)')
  db.pragma(`user_version = ${(bundledMigrations.at(-1)?.version ?? 0) + 1}`)
  db.close()
  oneLineError(cli(['--data-dir', dataDir, 'db', 'restore', newer]), /newer than this Transcriptor/)

  const good = join(dir, 'good.db')
  expect(cli(['--data-dir', dataDir, 'db', 'backup', good]).code).toBe(0)
  // A job whose process is alive (this sleeping child) is running: no restore under it.
  const sleeper = spawn('sleep', ['30'])
  const store = openStore(dataDir)
  const job = store.jobs.createJob(sampleJob())
  store.jobs.startJob(job.id)
  store.jobs.registerProcess(job.id, {
    pid: sleeper.pid!,
    startTime: null,
    pgid: null,
    logPath: '/dev/null',
    ownerInstance: 'x',
    ownerPid: sleeper.pid!
  })
  store.close()
  try {
    oneLineError(
      cli(['--data-dir', dataDir, 'db', 'restore', good]),
      new RegExp(`job\\(s\\) ${job.id} are still running`)
    )
  } finally {
    sleeper.kill('SIGKILL')
  }
  expect(jobCount()).toBe(1)
})

test('restore refuses a damaged copy of a real database in one line; the current one stays byte for byte', () => {
  const store = openStore(dataDir)
  for (let i = 0; i < 400; i++)
    store.jobs.createJob(sampleJob({ filename: `talk-${i}.wav`, original_path: `/m/${i}.wav` }))
  const copy = join(dir, 'copy.db')
  store.close()
  expect(cli(['--data-dir', dataDir, 'db', 'backup', copy]).code).toBe(0)
  // Pages in the middle of the file overwritten, as a bad sector or a torn copy would.
  const bytes = readFileSync(copy)
  const pageSize = bytes.readUInt16BE(16)
  const pages = bytes.length / pageSize
  expect(pages).toBeGreaterThan(8)
  const middle = Math.floor(pages / 2) * pageSize
  bytes.fill(0xa5, middle + 8, middle + 2 * pageSize - 8)
  writeFileSync(copy, bytes)

  const live = join(dataDir, 'transcriptor.db')
  const before = readFileSync(live)
  const sideFiles = readdirSync(dataDir).sort()
  oneLineError(
    cli(['--data-dir', dataDir, 'db', 'restore', copy]),
    // Which check names it depends on what the damaged pages held (the schema decides the layout):
    // SQLite's integrity check (a page, or a cell of it), or the open itself when an interior page
    // is gone.
    /copy\.db (is corrupt \(Tree \d+ page \d+( cell \d+)?: .* and \d+ more problem\(s\)\)|is not a Transcriptor database \(corrupt: database disk image is malformed\)): nothing restored$/
  )
  expect(readFileSync(live).equals(before)).toBe(true)
  expect(readdirSync(dataDir).sort()).toEqual(sideFiles)
  expect(jobCount()).toBe(400)
})
