// Connection settings every writer shares (the app, the CLI, tests' extra processes), so two
// processes on one file wait for each other instead of failing with SQLITE_BUSY.
import type Database from 'better-sqlite3'

/** How long a writer waits for another process's write lock before giving up. */
export const BUSY_TIMEOUT_MS = 5000

export function applyConnectionPragmas(db: Database.Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  // WAL: readers never block the writer, and a crash mid-write cannot corrupt the file.
  db.pragma('journal_mode = WAL')
  // NORMAL is durable across app crashes in WAL mode; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
}
