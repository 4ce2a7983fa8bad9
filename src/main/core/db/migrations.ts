// Schema migrations: numbered SQL files in migrations/, bundled into the build by Vite so the
// app, the CLI and the tests run exactly the same SQL with no runtime file lookups.
/// <reference types="vite/client" />
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inspectDatabaseFile } from './databaseFileInspection'

export interface Migration {
  /** The number in `NNNN_name.sql`; user_version equals the last applied one. */
  version: number
  /** The file name, e.g. `0002_process_tracking.sql` (error messages name it). */
  name: string
  sql: string
}

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/

/** Parses `{ 'path/NNNN_name.sql': sql }` into an ordered list, checked to be 1, 2, 3, … */
export function parseMigrations(files: Record<string, string>): Migration[] {
  const migrations = Object.entries(files).map(([path, sql]) => {
    const name = path.split('/').pop() ?? path
    const match = MIGRATION_FILE.exec(name)
    if (!match) throw new Error(`migration file ${name} is not named NNNN_lowercase_name.sql`)
    return { version: Number(match[1]), name, sql }
  })
  migrations.sort((a, b) => a.version - b.version)
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new Error(
        `migration ${m.name} should be number ${index + 1}: numbers must run 1, 2, 3…`
      )
    }
  })
  return migrations
}

export const bundledMigrations: Migration[] = parseMigrations(bundledMigrationFiles())

function bundledMigrationFiles(): Record<string, string> {
  try {
    // Vite (the app build and vitest) replaces this call with the files' contents.
    return import.meta.glob<string>('../../../../migrations/*.sql', {
      query: '?raw',
      import: 'default',
      eager: true
    })
  } catch {
    // Plain tsx (the benchmarks) has no import.meta.glob: read the same files from the checkout.
    return readMigrationsFromCheckout()
  }
}

function readMigrationsFromCheckout(): Record<string, string> {
  const dir = join(__dirname, '../../../../migrations')
  const files: Record<string, string> = {}
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
    files[name] = readFileSync(join(dir, name), 'utf8')
  }
  return files
}

export interface SchemaStatus {
  path: string
  exists: boolean
  /** user_version of the file (0 when it does not exist yet). */
  version: number
  /** The newest version this code knows. */
  latest: number
  /** Names of the migrations opening it would apply. */
  pending: string[]
}

/** Reads the schema version without creating, migrating or otherwise writing the file. */
export function schemaStatus(
  dbPath: string,
  migrations: Migration[] = bundledMigrations
): SchemaStatus {
  const latest = migrations.at(-1)?.version ?? 0
  const exists = existsSync(dbPath)
  const version = exists ? inspectDatabaseFile(dbPath, latest).version : 0
  return {
    path: dbPath,
    exists,
    version,
    latest,
    pending: migrations.filter((m) => m.version > version).map((m) => m.name)
  }
}
