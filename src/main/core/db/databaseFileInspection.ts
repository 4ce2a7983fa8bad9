// Looks at a database file strictly read-only, before anything may write to it: a file that is
// not ours, corrupt, or from a newer version must be reported and left exactly as it is.
// (Opening random bytes read-write and switching on WAL can write into the file.)
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { DatabaseError } from './databaseError'
import { oneLineError } from '@shared/errors'

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

export interface FileInspection {
  /** The file is missing or zero bytes: a new database will be created. */
  fresh: boolean
  /** PRAGMA user_version: the last migration applied (0 = none). */
  version: number
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r')
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length)
    const read = readSync(fd, header, 0, header.length, 0)
    return header.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

function sqliteReason(error: unknown): string {
  const code = (error as { code?: unknown }).code
  const message = oneLineError(error)
  if (code === 'SQLITE_NOTADB') return 'file is not a database'
  if (code === 'SQLITE_CORRUPT') return `corrupt: ${message}`
  return message
}

/**
 * Decides whether `path` may be opened read-write and migrated. Throws DatabaseError (one line,
 * naming the file) when it must not be touched. `latest` is the newest schema the code knows.
 */
export function inspectDatabaseFile(path: string, latest: number): FileInspection {
  let size: number
  try {
    size = statSync(path).size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { fresh: true, version: 0 }
    throw new DatabaseError(`cannot read ${path}: ${oneLineError(error)}`)
  }
  if (size === 0) return { fresh: true, version: 0 }
  if (!readHeader(path).equals(SQLITE_HEADER)) {
    throw new DatabaseError(
      `${path} is not a Transcriptor database (file is not a database): left untouched`
    )
  }

  let db: Database.Database | undefined
  let version: number
  let otherTables: number
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 })
    const check = db.pragma('quick_check', { simple: false }) as { quick_check: string }[]
    const problems = checkProblems(check.map((row) => row.quick_check))
    if (problems.length > 0) {
      throw new DatabaseError(`${path} is corrupt (${describeProblems(problems)}): left untouched`)
    }
    version = db.pragma('user_version', { simple: true }) as number
    otherTables = (
      db
        .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        .get() as {
        n: number
      }
    ).n
  } catch (error) {
    if (error instanceof DatabaseError) throw error
    const code = (error as { code?: unknown }).code
    // Only SQLite's own verdict says "not a database"; a missing native addon or a permission
    // problem is reported as what it is.
    if (typeof code !== 'string' || !code.startsWith('SQLITE_') || code === 'SQLITE_CANTOPEN') {
      throw new DatabaseError(`cannot open ${path}: ${oneLineError(error)}`)
    }
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new DatabaseError(
        `${path} is locked by another program (${oneLineError(error)}): try again when it has finished`
      )
    }
    if (code.startsWith('SQLITE_IOERR')) {
      throw new DatabaseError(
        `cannot read ${path}: disk I/O error (${oneLineError(error)}); its -wal or -shm file may have been removed, or the disk failed`
      )
    }
    throw new DatabaseError(
      `${path} is not a Transcriptor database (${sqliteReason(error)}): left untouched`
    )
  } finally {
    db?.close()
  }

  if (version === 0 && otherTables > 0) {
    throw new DatabaseError(
      `${path} is not a Transcriptor database (a SQLite file holding other tables): left untouched`
    )
  }
  if (version > latest) {
    throw new DatabaseError(
      `${path} has schema version ${version}, newer than this Transcriptor (knows up to ${latest}): left untouched; upgrade Transcriptor to open it`
    )
  }
  return { fresh: false, version }
}

/**
 * SQLite's integrity/quick check answers 'ok' or rows of problems, where one row may hold many
 * lines under a '*** in database main ***' heading: the problems, one per entry.
 */
export function checkProblems(rows: string[]): string[] {
  return rows
    .flatMap((row) => row.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== 'ok' && !/^\*\*\* in database \w+ \*\*\*$/.test(line))
}

/** The first problem and how many more: one readable clause, however damaged the file is. */
export function describeProblems(problems: string[]): string {
  const more = problems.length > 1 ? ` and ${problems.length - 1} more problem(s)` : ''
  return `${problems[0]}${more}`
}
