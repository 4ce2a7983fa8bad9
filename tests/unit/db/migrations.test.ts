// Real SQLite files: every migration path, the backup, and every file we must refuse untouched.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { DatabaseError, openDatabase } from '../../../src/main/core/db/database'
import {
  bundledMigrations,
  parseMigrations,
  schemaStatus,
  type Migration
} from '../../../src/main/core/db/migrations'
import { makeTempDir, removeDir } from '../../support/db'

const LATEST = bundledMigrations.length

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

function columns(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)
}

/** A database at `version`, built by the real migrations, holding two jobs (and a setting at 3). */
function databaseAtVersion(path: string, version: number): void {
  const { db } = openDatabase(path, { migrations: bundledMigrations.slice(0, version) })
  const insert = db.prepare(
    `INSERT INTO transcription_jobs (filename, original_path, engine, model, processes, workers,
       chunk_seconds, overlap_seconds, formats, status, created_at)
     VALUES (?, ?, 'pocketsphinx', '', 2, 1, 30, 2, 'txt', ?, ?)`
  )
  insert.run('a.wav', '/m/a.wav', 'completed', 1000)
  insert.run('b.wav', '/m/b.wav', 'queued', 2000)
  if (version >= 3) {
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('processes', '4', 1)").run()
  }
  db.close()
}

let dir: string
let dbPath: string
beforeEach(() => {
  dir = makeTempDir()
  dbPath = join(dir, 'transcriptor.db')
})
afterEach(() => removeDir(dir))

describe('bundled migrations', () => {
  test('are numbered 1, 2, 3… and include the process-tracking migration', () => {
    expect(bundledMigrations.map((m) => m.version)).toEqual(
      Array.from({ length: LATEST }, (_, i) => i + 1)
    )
    expect(bundledMigrations.map((m) => m.name)).toContain('0002_process_tracking.sql')
  })

  test('a gap or a badly named file is rejected with the file named', () => {
    expect(() => parseMigrations({ 'm/0001_a.sql': '', 'm/0003_c.sql': '' })).toThrow(
      /0003_c\.sql should be number 2/
    )
    expect(() => parseMigrations({ 'm/1_a.sql': '' })).toThrow(/1_a\.sql is not named/)
  })
})

describe('openDatabase', () => {
  test('creates a new database at the latest version with WAL and foreign keys on', () => {
    const opened = openDatabase(join(dir, 'nested', 'transcriptor.db'))
    expect(opened.schemaVersion).toBe(LATEST)
    expect(opened.migratedFrom).toBe(0)
    expect(opened.backupPath).toBeNull()
    expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(opened.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(opened.db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000)
    expect(columns(opened.db, 'transcription_jobs')).toEqual(
      expect.arrayContaining([
        'process_id',
        'process_start_time',
        'process_group_id',
        'owner_instance',
        'owner_pid',
        'log_file_path',
        'last_heartbeat',
        'keep_in_background'
      ])
    )
    opened.db.close()
    expect(readdirSync(dir).filter((n) => n.includes('backup'))).toEqual([])
  })

  test('an empty file is treated as a new database', () => {
    writeFileSync(dbPath, '')
    const opened = openDatabase(dbPath)
    expect(opened.schemaVersion).toBe(LATEST)
    opened.db.close()
  })

  test('reopening an up-to-date database migrates nothing and writes no backup', () => {
    openDatabase(dbPath).db.close()
    const again = openDatabase(dbPath)
    expect(again.migratedFrom).toBe(LATEST)
    expect(again.backupPath).toBeNull()
    again.db.close()
  })

  for (let from = 1; from < LATEST; from++) {
    test(`migrates from version ${from} holding rows: rows kept, backup written first`, () => {
      databaseAtVersion(dbPath, from)
      const opened = openDatabase(dbPath)
      expect(opened.migratedFrom).toBe(from)
      expect(opened.db.pragma('user_version', { simple: true })).toBe(LATEST)
      const rows = opened.db
        .prepare('SELECT filename, status, keep_in_background FROM transcription_jobs ORDER BY id')
        .all()
      expect(rows).toEqual([
        { filename: 'a.wav', status: 'completed', keep_in_background: 0 },
        { filename: 'b.wav', status: 'queued', keep_in_background: 0 }
      ])
      opened.db.close()

      expect(opened.backupPath).toMatch(new RegExp(`transcriptor\\.db\\.backup-v${from}-`))
      const backup = new Database(opened.backupPath as string, { readonly: true })
      expect(backup.pragma('user_version', { simple: true })).toBe(from)
      expect(backup.prepare('SELECT count(*) AS n FROM transcription_jobs').get()).toEqual({ n: 2 })
      backup.close()
    })
  }

  test('the backup is an online copy: it holds rows still only in the WAL of another connection', () => {
    databaseAtVersion(dbPath, 1)
    const other = new Database(dbPath)
    other.pragma('journal_mode = WAL')
    other
      .prepare(
        `INSERT INTO transcription_jobs (filename, original_path, engine, model, processes,
           workers, chunk_seconds, overlap_seconds, formats, created_at)
         VALUES ('wal-only.wav', '/m', 'pocketsphinx', '', 1, 1, 30, 2, 'txt', 3000)`
      )
      .run()
    try {
      const opened = openDatabase(dbPath)
      opened.db.close()
      const backup = new Database(opened.backupPath as string, { readonly: true })
      expect(
        backup.prepare('SELECT filename FROM transcription_jobs ORDER BY id').pluck().all()
      ).toEqual(['a.wav', 'b.wav', 'wal-only.wav'])
      backup.close()
    } finally {
      other.close()
    }
  })

  test('the language/task migration gives existing jobs language auto and no translation', () => {
    const version = bundledMigrations.findIndex((m) => m.name.endsWith('_language_task.sql'))
    expect(version).toBeGreaterThan(0)
    databaseAtVersion(dbPath, version) // the version just before it
    const opened = openDatabase(dbPath)
    expect(
      opened.db.prepare('SELECT language, translate FROM transcription_jobs ORDER BY id').all()
    ).toEqual([
      { language: 'auto', translate: 0 },
      { language: 'auto', translate: 0 }
    ])
    expect(() =>
      opened.db.prepare('UPDATE transcription_jobs SET translate = 2 WHERE id = 1').run()
    ).toThrow(/CHECK constraint/)
    opened.db.close()
  })

  test('the queued_at migration gives existing jobs their creation time; none is linked', () => {
    const version = bundledMigrations.findIndex((m) => m.name.endsWith('_job_queued_links.sql'))
    expect(version).toBeGreaterThan(0)
    databaseAtVersion(dbPath, version) // the version just before it
    const opened = openDatabase(dbPath)
    expect(
      opened.db
        .prepare(
          'SELECT queued_at, linked_job_id, link_same_content FROM transcription_jobs ORDER BY id'
        )
        .all()
    ).toEqual([
      { queued_at: 1000, linked_job_id: null, link_same_content: 0 },
      { queued_at: 2000, linked_job_id: null, link_same_content: 0 }
    ])
    opened.db.close()
  })

  test(`a database at the latest version keeps its rows and settings`, () => {
    databaseAtVersion(dbPath, LATEST)
    const opened = openDatabase(dbPath)
    expect(opened.db.prepare('SELECT count(*) AS n FROM transcription_jobs').get()).toEqual({
      n: 2
    })
    expect(opened.db.prepare('SELECT value FROM settings').get()).toEqual({ value: '4' })
    opened.db.close()
  })

  test('a failing migration rolls back everything, leaves the file byte-identical, names it', () => {
    databaseAtVersion(dbPath, 1)
    const before = sha256(dbPath)
    const broken: Migration[] = [
      ...bundledMigrations.slice(0, 2),
      {
        version: 3,
        name: '0003_broken.sql',
        sql: 'CREATE TABLE half_done (a); INSERT INTO no_such_table VALUES (1);'
      }
    ]
    let error: unknown
    try {
      openDatabase(dbPath, { migrations: broken })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(DatabaseError)
    expect((error as Error).message).toMatch(/migration 0003_broken\.sql failed/)
    expect((error as Error).message).toMatch(/left unchanged at version 1/)
    expect((error as Error).message).not.toContain('\n')
    expect(sha256(dbPath)).toBe(before)

    const db = new Database(dbPath, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    expect(columns(db, 'transcription_jobs')).not.toContain('process_id')
    expect(columns(db, 'half_done')).toEqual([])
    db.close()
    expect(sha256(dbPath)).toBe(before)
  })

  test('a database from a newer version is refused and left untouched', () => {
    databaseAtVersion(dbPath, LATEST)
    const raw = new Database(dbPath)
    raw.pragma(`user_version = ${LATEST + 5}`)
    raw.close()
    const before = sha256(dbPath)
    expect(() => openDatabase(dbPath)).toThrow(
      new RegExp(`schema version ${LATEST + 5}, newer than this Transcriptor`)
    )
    expect(sha256(dbPath)).toBe(before)
    // (SQLite's own -wal/-shm side files may appear from the read-only look; no backup, no copy.)
    expect(readdirSync(dir).filter((n) => n.includes('backup'))).toEqual([])
  })

  test('random bytes in place of the database are refused and left byte-identical', () => {
    writeFileSync(dbPath, randomBytes(64 * 1024))
    const before = sha256(dbPath)
    expect(() => openDatabase(dbPath)).toThrow(
      /is not a Transcriptor database \(file is not a database\): left untouched/
    )
    expect(sha256(dbPath)).toBe(before)
    expect(readdirSync(dir)).toEqual(['transcriptor.db'])
  })

  test('a SQLite header followed by garbage is refused and left byte-identical', () => {
    const bytes = randomBytes(16 * 1024)
    Buffer.from('SQLite format 3\0', 'latin1').copy(bytes)
    writeFileSync(dbPath, bytes)
    const before = sha256(dbPath)
    expect(() => openDatabase(dbPath)).toThrow(DatabaseError)
    expect(sha256(dbPath)).toBe(before)
  })

  test('a corrupted real database is refused and left byte-identical', () => {
    openDatabase(dbPath).db.close()
    const raw = new Database(dbPath)
    raw.pragma('journal_mode = DELETE')
    const insert = raw.prepare(
      `INSERT INTO transcription_jobs (filename, original_path, engine, model, processes, workers,
         chunk_seconds, overlap_seconds, formats, created_at)
       VALUES (?, '/m', 'pocketsphinx', '', 1, 1, 30, 2, 'txt', 1)`
    )
    for (let i = 0; i < 500; i++) insert.run(`file-${i}-${'x'.repeat(200)}.wav`)
    raw.close()
    const bytes = readFileSync(dbPath)
    const pageSize = bytes.readUInt16BE(16)
    // Scribble over the pages after the schema page: the tables' b-tree pages.
    randomBytes(bytes.length - 2 * pageSize).copy(bytes, 2 * pageSize)
    writeFileSync(dbPath, bytes)
    const before = sha256(dbPath)
    expect(() => openDatabase(dbPath)).toThrow(/left untouched/)
    expect(sha256(dbPath)).toBe(before)
  })

  test("another program's SQLite database is refused, not migrated into", () => {
    const other = new Database(dbPath)
    other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)')
    other.close()
    const before = sha256(dbPath)
    expect(() => openDatabase(dbPath)).toThrow(/SQLite file holding other tables/)
    expect(sha256(dbPath)).toBe(before)
  })
})

describe('schemaStatus', () => {
  test('reports a missing database without creating it', () => {
    expect(schemaStatus(dbPath)).toEqual({
      path: dbPath,
      exists: false,
      version: 0,
      latest: LATEST,
      pending: bundledMigrations.map((m) => m.name)
    })
    expect(existsSync(dbPath)).toBe(false)
  })

  test('reports pending migrations of an older database without migrating it', () => {
    databaseAtVersion(dbPath, 1)
    const before = sha256(dbPath)
    const status = schemaStatus(dbPath)
    expect(status.version).toBe(1)
    expect(status.pending).toEqual(bundledMigrations.slice(1).map((m) => m.name))
    expect(sha256(dbPath)).toBe(before)
  })
})
