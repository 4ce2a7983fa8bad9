// Real migrated SQLite files in a private temp dir per test (no mocks), removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NewJob } from '../../src/main/core/db/jobRepository'
import { openDatabase, type OpenedDatabase } from '../../src/main/core/db/database'
import type { Migration } from '../../src/main/core/db/migrations'

export interface TempDatabase extends OpenedDatabase {
  /** The temp data dir holding `transcriptor.db` (and backups). */
  dir: string
  /** Closes the connection (if open) and deletes the dir. */
  cleanup: () => void
}

export function makeTempDir(prefix = 'transcriptor-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** A migrated database at `<new temp dir>/transcriptor.db`. */
export function createTempDatabase(options: { migrations?: Migration[] } = {}): TempDatabase {
  const dir = makeTempDir()
  const opened = openDatabase(join(dir, 'transcriptor.db'), options)
  return {
    ...opened,
    dir,
    cleanup: () => {
      if (opened.db.open) opened.db.close()
      removeDir(dir)
    }
  }
}

/** A valid NewJob; override what the test cares about. */
export function sampleJob(overrides: Partial<NewJob> = {}): NewJob {
  return {
    filename: 'talk.wav',
    original_path: '/media/talk.wav',
    engine: 'pocketsphinx',
    model: '',
    processes: 2,
    workers: 1,
    chunk_seconds: 30,
    overlap_seconds: 2,
    formats: 'txt,srt',
    output_dir: null,
    ...overrides
  }
}
