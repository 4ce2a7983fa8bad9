// The built CLI through bin/transcriptor.js, as a user runs it: exit codes, stdout, one-line errors.
import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import type { JobRow } from '@shared/domain'
import { openStore } from '../../../src/main/core/openDataDir'
import { bundledMigrations } from '../../../src/main/core/db/migrations'
import { makeTempDir, removeDir, sampleJob } from '../../support/db'

const BIN = resolve(__dirname, '../../../bin/transcriptor.js')

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TRANSCRIPTOR_HOME: '', ...env },
    timeout: 60_000
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function expectOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^transcriptor: /)
  expect(lines[0]).toMatch(pattern)
  expect(stderr).not.toMatch(/\n\s+at /)
}

let dataDir: string
beforeEach(() => {
  dataDir = makeTempDir('transcriptor-cli-')
})
afterEach(() => removeDir(dataDir))

test('jobs list --json on a fresh data dir prints []', () => {
  const run = cli(['--data-dir', dataDir, 'jobs', 'list', '--json'])
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(JSON.parse(run.stdout)).toEqual([])
})

test('jobs list shows inserted rows with DB column names, newest first, filtered by --status', () => {
  const store = openStore(dataDir)
  const first = store.jobs.createJob(sampleJob({ filename: 'first.wav' }), 1_000)
  const second = store.jobs.createJob(sampleJob({ filename: 'second.wav' }), 2_000)
  store.jobs.startJob(second.id)
  store.jobs.cancelJob(second.id, 'user stopped it')
  const expected = [store.jobs.getJob(second.id), store.jobs.getJob(first.id)]
  store.close()

  const all = cli(['--data-dir', dataDir, 'jobs', 'list', '--json'])
  expect(all.code).toBe(0)
  const rows = JSON.parse(all.stdout) as JobRow[]
  expect(rows).toEqual(expected)
  expect(Object.keys(rows[0])).toContain('cancel_reason')

  // Global flags may also follow the command.
  const cancelled = cli(['jobs', 'list', '--status', 'cancelled', '--json', '--data-dir', dataDir])
  expect(cancelled.code).toBe(0)
  expect((JSON.parse(cancelled.stdout) as JobRow[]).map((r) => r.filename)).toEqual(['second.wav'])

  const human = cli(['--data-dir', dataDir, 'jobs', 'list'])
  expect(human.code).toBe(0)
  expect(human.stdout).toMatch(/cancelled .*second\.wav/)
  expect(human.stdout).toMatch(/queued .*first\.wav/)
})

test('TRANSCRIPTOR_HOME is the data dir when --data-dir is absent', () => {
  const store = openStore(dataDir)
  store.jobs.createJob(sampleJob({ filename: 'from-env.wav' }))
  store.close()
  const run = cli(['jobs', 'list', '--json'], { TRANSCRIPTOR_HOME: dataDir })
  expect(run.code).toBe(0)
  expect((JSON.parse(run.stdout) as JobRow[]).map((r) => r.filename)).toEqual(['from-env.wav'])
})

test('db status --json reports path, version, latest and pending without creating the file', () => {
  const dbPath = join(dataDir, 'transcriptor.db')
  const names = bundledMigrations.map((m) => m.name)
  const before = cli(['--data-dir', dataDir, 'db', 'status', '--json'])
  expect(before.code).toBe(0)
  expect(JSON.parse(before.stdout)).toEqual({
    path: dbPath,
    exists: false,
    version: 0,
    latest: names.length,
    pending: names
  })

  openStore(dataDir).close()
  const after = cli(['--data-dir', dataDir, 'db', 'status', '--json'])
  expect(JSON.parse(after.stdout)).toMatchObject({
    exists: true,
    version: names.length,
    pending: []
  })
  const human = cli(['--data-dir', dataDir, 'db', 'status'])
  expect(human.code).toBe(0)
  expect(human.stdout).toMatch(/schema version:\s+\d+/)
})

test('an unknown command, a bad flag or a bad value: non-zero exit, one line on stderr', () => {
  const unknown = cli(['--data-dir', dataDir, 'frobnicate'])
  expect(unknown.code).not.toBe(0)
  expectOneLineError(unknown.stderr, /unknown command 'frobnicate'/)

  const badFlag = cli(['--data-dir', dataDir, 'jobs', 'list', '--colour'])
  expect(badFlag.code).not.toBe(0)
  expectOneLineError(badFlag.stderr, /unknown option '--colour'/)

  const badStatus = cli(['--data-dir', dataDir, 'jobs', 'list', '--status', 'done'])
  expect(badStatus.code).not.toBe(0)
  expectOneLineError(badStatus.stderr, /--status must be one of/)

  const none = cli([])
  expect(none.code).not.toBe(0)
  expectOneLineError(none.stderr, /no command given/)
})

test('a data dir whose database is random bytes: one line, exit 1, file untouched', () => {
  const dbPath = join(dataDir, 'transcriptor.db')
  writeFileSync(dbPath, randomBytes(8192))
  const hash = (): string => createHash('sha256').update(readFileSync(dbPath)).digest('hex')
  const before = hash()
  for (const args of [
    ['jobs', 'list', '--json'],
    ['db', 'status']
  ]) {
    const run = cli(['--data-dir', dataDir, ...args])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expectOneLineError(run.stderr, /is not a Transcriptor database .*left untouched/)
  }
  expect(hash()).toBe(before)
})

test('--help lists the commands and exits 0', () => {
  const run = cli(['--help'])
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(/jobs list/)
  expect(run.stdout).toMatch(/db status/)
  const sub = cli(['jobs', 'list', '--help'])
  expect(sub.code).toBe(0)
  expect(sub.stdout).toMatch(/--status S/)
})
