// Opens <dataDir>/transcriptor.db: refuses files that are not ours (untouched), backs up an
// existing database before migrating it, and applies pending migrations all-or-nothing.
import { existsSync, mkdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { applyConnectionPragmas } from './connection'
import { DatabaseError } from './databaseError'
import { bundledMigrations, type Migration } from './migrations'
import { inspectDatabaseFile } from './databaseFileInspection'
import { oneLineError } from '@shared/errors'

export { DatabaseError } from './databaseError'

export interface OpenedDatabase {
  db: Database.Database
  path: string
  /** user_version after opening (= the newest migration). */
  schemaVersion: number
  /** user_version before opening (0 for a new database). */
  migratedFrom: number
  /** The online copy written before migrating an existing database, else null. */
  backupPath: string | null
}

export interface OpenDatabaseOptions {
  /** Defaults to the bundled migrations/ files; tests inject others. */
  migrations?: Migration[]
}

export function openDatabase(dbPath: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? bundledMigrations
  const latest = migrations.at(-1)?.version ?? 0
  try {
    mkdirSync(dirname(dbPath), { recursive: true })
  } catch (error) {
    throw new DatabaseError(`cannot create the folder for ${dbPath}: ${oneLineError(error)}`)
  }

  const inspection = inspectDatabaseFile(dbPath, latest)
  let db: Database.Database
  try {
    db = new Database(dbPath)
    applyConnectionPragmas(db)
  } catch (error) {
    throw new DatabaseError(`cannot open ${dbPath}: ${oneLineError(error)}`)
  }

  try {
    const backupPath =
      !inspection.fresh && inspection.version < latest
        ? writeBackup(db, dbPath, inspection.version)
        : null
    const migratedFrom = migrate(db, dbPath, migrations)
    return { db, path: dbPath, schemaVersion: latest, migratedFrom, backupPath }
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * VACUUM INTO is SQLite's synchronous online copy: a consistent snapshot even while another
 * process writes (a raw file copy of a WAL database is not). better-sqlite3's db.backup() would
 * do the same but is async, and opening must stay synchronous for its callers.
 */
function writeBackup(db: Database.Database, dbPath: string, fromVersion: number): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '')
  const base = join(dirname(dbPath), `${basename(dbPath)}.backup-v${fromVersion}-${stamp}`)
  let target = base
  for (let n = 2; existsSync(target); n++) target = `${base}-${n}`
  try {
    db.prepare('VACUUM INTO ?').run(target)
  } catch (error) {
    throw new DatabaseError(
      `cannot back up ${dbPath} to ${target} before migrating: ${oneLineError(error)}; nothing was migrated`
    )
  }
  return target
}

/**
 * Applies every pending migration inside ONE immediate transaction, each in its own savepoint
 * with its user_version bump. If any fails, none stays applied: the file is exactly as before.
 * The version is re-read under the write lock, so two processes opening a new file at once
 * cannot both migrate it. Returns the version found before migrating.
 */
function migrate(db: Database.Database, dbPath: string, migrations: Migration[]): number {
  const currentVersion = (): number => db.pragma('user_version', { simple: true }) as number
  if (migrations.every((m) => m.version <= currentVersion())) return currentVersion()

  // Table rebuilds in future migrations need this off; checked explicitly before commit.
  db.pragma('foreign_keys = OFF')
  try {
    const applyOne = db.transaction((migration: Migration) => {
      db.exec(migration.sql)
      db.pragma(`user_version = ${migration.version}`)
    })
    const applyAll = db.transaction((): number => {
      const from = currentVersion()
      for (const migration of migrations.filter((m) => m.version > from)) {
        try {
          applyOne(migration)
        } catch (error) {
          throw new DatabaseError(
            `migration ${migration.name} failed on ${dbPath}: ${oneLineError(error)}; database left unchanged at version ${from}`
          )
        }
      }
      const violations = db.pragma('foreign_key_check') as unknown[]
      if (violations.length > 0) {
        throw new DatabaseError(
          `migrations left ${violations.length} foreign key violation(s) in ${dbPath}; database left unchanged at version ${from}`
        )
      }
      return from
    })
    return applyAll.immediate()
  } finally {
    db.pragma('foreign_keys = ON')
  }
}
