// One test per migration, on a real SQLite file: a database at the version before it, holding a
// row in every table that version has (every column filled, none left to its default), is
// migrated by that one migration; every row keeps every value, and the app's own repositories
// then read those rows back from the latest schema.
import type Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { openDatabase } from '../../../src/main/core/db/database'
import { openStore } from '../../../src/main/core/openDataDir'
import { bundledMigrations } from '../../../src/main/core/db/migrations'
import { EndpointRepository } from '../../../src/main/core/endpoints/endpointRepository'
import { dataPaths } from '../../../src/main/core/paths'
import { makeTempDir, removeDir } from '../../support/db'

type Row = Record<string, unknown>

const TRANSCRIPT = {
  durationSeconds: 2,
  segments: [
    {
      start: 0,
      end: 2,
      text: 'leisure to consider',
      words: [
        { word: 'leisure', start: 0, end: 0.6 },
        { word: 'to', start: 0.6, end: 0.8 },
        { word: 'consider', start: 0.8, end: 2 }
      ]
    }
  ]
}

const has = (db: Database.Database, table: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !==
  undefined

const columnsOf = (db: Database.Database, table: string): string[] =>
  (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)

/** Values for every job column a schema may have; only those the table has are written. */
const JOB: Row = {
  filename: 'dashwood interview.wav',
  original_path: '/media/dashwood interview.wav',
  duration_seconds: 27.5,
  engine: 'pocketsphinx',
  model: 'en-us',
  processes: 3,
  workers: 2,
  chunk_seconds: 20,
  overlap_seconds: 1.5,
  formats: '["txt","srt"]',
  output_dir: '/media/out',
  status: 'completed',
  progress: 1,
  error_message: null,
  cancel_reason: null,
  created_at: 1_700_000_000_000,
  started_at: 1_700_000_001_000,
  finished_at: 1_700_000_060_000,
  output_files: '{"txt":"/media/out/dashwood interview.txt"}',
  process_id: 4242,
  process_start_time: '123456',
  process_group_id: 4242,
  owner_instance: 'instance-a',
  owner_pid: 4000,
  log_file_path: '/data/logs/job-1.log',
  last_heartbeat: 1_700_000_059_000,
  keep_in_background: 1,
  endpoints: '[{"baseUrl":"http://127.0.0.1:9000/v1","model":"whisper-1","concurrency":2}]',
  language: 'fr',
  translate: 1,
  warning: 'no speech found in 0:10–0:20',
  vad: 'energy',
  vad_model: 'silero-v6.2.0',
  speakers: '2',
  speaker_threshold: 0.6,
  segmentation_model: 'pyannote-segmentation-3.0',
  embedding_model: '/models/voices.onnx',
  content_hash: 'a3f1c2d4e5b6978812345678901234567890abcdefabcdefabcdefabcdef0123',
  queued_at: 1_700_000_000_500,
  link_same_content: 1
}

/** A second job, still queued: a row the migrations must carry without its optional values. */
const QUEUED: Row = {
  filename: 'b.wav',
  original_path: '/media/b.wav',
  engine: 'pocketsphinx',
  processes: 1,
  workers: 1,
  chunk_seconds: 30,
  overlap_seconds: 2,
  formats: '["txt"]',
  status: 'queued',
  created_at: 1_700_000_100_000
}

function insert(db: Database.Database, table: string, values: Row): void {
  const names = Object.keys(values).filter((k) => columnsOf(db, table).includes(k))
  db.prepare(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`
  ).run(Object.fromEntries(names.map((n) => [n, values[n]])))
}

/** A row in every table the database has at its version. */
function seed(db: Database.Database): void {
  insert(db, 'transcription_jobs', JOB)
  insert(db, 'transcription_jobs', QUEUED)
  if (has(db, 'settings'))
    insert(db, 'settings', { key: 'processes', value: '3', updated_at: 1_700_000_000_000 })
  if (has(db, 'endpoints'))
    insert(db, 'endpoints', {
      base_url: 'http://127.0.0.1:9000/v1',
      model: 'whisper-1',
      concurrency: 2,
      has_key: 1,
      created_at: 1_700_000_000_000,
      timeout_seconds: 90
    })
  if (has(db, 'job_transcripts')) {
    const text = TRANSCRIPT.segments[0].text
    const original = JSON.stringify(TRANSCRIPT)
    insert(db, 'job_transcripts', { job_id: 1, original, edited: null, text, edited_at: null })
  }
  if (has(db, 'passage_redos'))
    insert(db, 'passage_redos', { job_id: 2, of_job_id: 1, from_seconds: 8, to_seconds: 12.5 })
}

/** Every row of every ordinary table, by table. */
function snapshot(db: Database.Database): Record<string, Row[]> {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE 'job_search%' ORDER BY name`
    )
    .pluck()
    .all() as string[]
  return Object.fromEntries(
    tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Row[]])
  )
}

let dir: string
beforeEach(() => {
  dir = makeTempDir()
})
afterEach(() => removeDir(dir))

describe('each migration keeps the rows of the version before it', () => {
  for (const migration of bundledMigrations.slice(1)) {
    const before = migration.version - 1
    test(`${migration.name}: from version ${before} with rows, every value kept and readable`, async () => {
      const path = dataPaths(dir).database
      const old = openDatabase(path, { migrations: bundledMigrations.slice(0, before) }).db
      seed(old)
      const rowsBefore = snapshot(old)
      old.close()

      const migrated = openDatabase(path, {
        migrations: bundledMigrations.slice(0, migration.version)
      })
      expect(migrated.migratedFrom).toBe(before)
      expect(migrated.schemaVersion).toBe(migration.version)
      const rowsAfter = snapshot(migrated.db)
      migrated.db.close()
      for (const [table, rows] of Object.entries(rowsBefore)) {
        expect(rowsAfter[table], table).toHaveLength(rows.length)
        rows.forEach((row, i) => expect(rowsAfter[table][i], table).toMatchObject(row))
      }

      // Through the app, at the latest schema: the same rows, as a user would see them.
      const store = openStore(dir)
      try {
        const job = store.jobs.getJob(1)
        expect(job).toMatchObject({
          filename: JOB.filename,
          status: 'completed',
          duration_seconds: 27.5,
          chunk_seconds: 20,
          finished_at: JOB.finished_at
        })
        expect(store.jobs.getJob(2)).toMatchObject({ filename: 'b.wav', status: 'queued' })
        expect(store.jobs.listJobs()).toHaveLength(2)
        // Found by name in History (the search index covers jobs from before it existed).
        expect((await store.history.page({ search: 'dashwood' })).rows.map((r) => r.id)).toEqual([
          1
        ])
        if (before >= 3) expect(store.settings.get().processes).toBe(3)
        if (before >= 4)
          expect(new EndpointRepository(store.db).list()).toMatchObject([
            { baseUrl: 'http://127.0.0.1:9000/v1', model: 'whisper-1', concurrency: 2 }
          ])
        if (before >= 7) {
          expect(store.transcripts.get(1)?.transcript).toEqual(TRANSCRIPT)
          expect((await store.history.page({ search: 'leisure' })).rows.map((r) => r.id)).toEqual([
            1
          ])
        }
      } finally {
        store.close()
      }
    })
  }
})
