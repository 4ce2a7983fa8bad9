// `transcriptor db backup FILE` and `db restore FILE`. Both use SQLite's online backup API
// (better-sqlite3's db.backup()), which copies a consistent snapshot even while another process
// writes — a raw file copy of a WAL database is not safe. A restore refuses what would lose
// work or data: jobs still running, a file that is not a Transcriptor database, one newer than
// this code, one that fails its integrity check. The database it replaces is kept as a backup.
import { existsSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { isPidAlive } from '../../os/processIdentity'
import { dataPaths } from '../paths'
import { DatabaseError } from './databaseError'
import { bundledMigrations } from './migrations'
import {
  checkProblems,
  describeProblems,
  inspectDatabaseFile,
  type FileInspection
} from './databaseFileInspection'
import { ACTIVE_STATUS_SQL } from './jobRepository'
import { oneLineError } from '@shared/errors'

export interface BackupResult {
  path: string
  bytes: number
  schemaVersion: number
  jobs: number
}

export interface RestoreResult extends BackupResult {
  /** The database that was replaced, kept next to it. */
  replacedKeptAt: string | null
}

const latestVersion = (): number => bundledMigrations.at(-1)?.version ?? 0

function summary(path: string): { schemaVersion: number; jobs: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const schemaVersion = db.pragma('user_version', { simple: true }) as number
    const jobs = (db.prepare('SELECT count(*) AS n FROM transcription_jobs').get() as { n: number })
      .n
    return { schemaVersion, jobs }
  } finally {
    db.close()
  }
}

export async function backupDatabase(dataDir: string, file: string): Promise<BackupResult> {
  const source = dataPaths(dataDir).database
  const target = resolve(file)
  if (!existsSync(source)) throw new DatabaseError(`there is no database to back up at ${source}`)
  if (existsSync(target))
    throw new DatabaseError(`${target} already exists: choose a new file name`)
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 })
  try {
    await db.backup(target)
  } catch (error) {
    throw new DatabaseError(`cannot back up ${source} to ${target}: ${oneLineError(error)}`)
  } finally {
    db.close()
  }
  return { path: target, bytes: statSync(target).size, ...summary(target) }
}

/** Jobs whose process or creator is still alive: a restore would orphan them. */
function runningJobs(dbPath: string): number[] {
  if (!existsSync(dbPath)) return []
  const db = new Database(dbPath, { readonly: true, fileMustExist: true, timeout: 5000 })
  try {
    const rows = db
      .prepare(
        `SELECT id, process_id, owner_pid FROM transcription_jobs WHERE status IN ${ACTIVE_STATUS_SQL}`
      )
      .all() as { id: number; process_id: number | null; owner_pid: number | null }[]
    return rows
      .filter(
        (r) =>
          (r.process_id !== null && isPidAlive(r.process_id)) ||
          (r.owner_pid !== null && r.owner_pid !== process.pid && isPidAlive(r.owner_pid))
      )
      .map((r) => r.id)
  } finally {
    db.close()
  }
}

function integrityProblem(path: string): string | null {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[]
    const bad = checkProblems(rows.map((r) => r.integrity_check))
    if (bad.length > 0) return describeProblems(bad)
    const hasJobs = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'transcription_jobs'")
      .get()
    return hasJobs ? null : 'it has no transcription_jobs table'
  } finally {
    db.close()
  }
}

/** The probe's verdict on a file to restore from, worded for a restore (nothing was replaced). */
function refusedUnlessOurs(source: string): FileInspection {
  try {
    return inspectDatabaseFile(source, latestVersion())
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error
    throw new DatabaseError(error.message.replace(/: left untouched/, ': nothing restored'))
  }
}

export async function restoreDatabase(dataDir: string, file: string): Promise<RestoreResult> {
  const source = resolve(file)
  const target = dataPaths(dataDir).database
  if (!existsSync(source)) throw new DatabaseError(`${source} does not exist`)
  const inspection = refusedUnlessOurs(source)
  if (inspection.fresh || inspection.version === 0) {
    throw new DatabaseError(
      `${source} is not a Transcriptor database (it is empty): nothing restored`
    )
  }
  const problem = integrityProblem(source)
  if (problem) {
    throw new DatabaseError(`${source} fails its integrity check (${problem}): nothing restored`)
  }
  const running = runningJobs(target)
  if (running.length > 0) {
    throw new DatabaseError(
      `job(s) ${running.join(', ')} are still running on ${target}: stop them (or quit the app) first; nothing restored`
    )
  }
  let replacedKeptAt: string | null = null
  if (existsSync(target)) {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '')
    replacedKeptAt = join(dirname(target), `${basename(target)}.before-restore-${stamp}`)
    await backupDatabase(dataDir, replacedKeptAt)
  }
  // The backup API writes into the live database file through SQLite (WAL and all), page by page
  // in one transaction: a reader sees the old or the new database, never a mix.
  const from = new Database(source, { readonly: true, fileMustExist: true })
  try {
    await from.backup(target)
  } catch (error) {
    throw new DatabaseError(
      `cannot restore ${source} into ${target}: ${oneLineError(error)}${replacedKeptAt ? `; the previous database is kept at ${replacedKeptAt}` : ''}`
    )
  } finally {
    from.close()
  }
  return { path: target, bytes: statSync(target).size, replacedKeptAt, ...summary(target) }
}
