// Watch state in the database (migrations/0010_watch_folders.sql): the folders with their options,
// and every file a watch has taken, so that a restart finds what arrived meanwhile and neither
// loses nor repeats a file. Also the content hash written on a job, and the lookup by it.
import type Database from 'better-sqlite3'
import type { WatchFileState, WatchFolder, WatchFolderInput } from '@shared/watch'

interface FolderDbRow {
  id: number
  path: string
  recursive: 0 | 1
  output_dir: string
  name_template: string
  options: string
  paused: 0 | 1
}

export interface WatchFileRow {
  folder_id: number
  path: string
  size: number
  mtime_ms: number
  content_hash: string | null
  state: WatchFileState
  job_id: number | null
  reason: string | null
  outputs: string | null
}

const toFolder = (r: FolderDbRow): WatchFolder => ({
  id: r.id,
  path: r.path,
  recursive: r.recursive === 1,
  outputDir: r.output_dir,
  nameTemplate: r.name_template,
  options: JSON.parse(r.options) as WatchFolder['options'],
  paused: r.paused === 1
})

export class WatchRepository {
  constructor(private readonly db: Database.Database) {}

  folders(): WatchFolder[] {
    const rows = this.db.prepare('SELECT * FROM watch_folders ORDER BY id').all() as FolderDbRow[]
    return rows.map(toFolder)
  }

  folder(id: number): WatchFolder | null {
    const row = this.db.prepare('SELECT * FROM watch_folders WHERE id = ?').get(id) as
      FolderDbRow | undefined
    return row ? toFolder(row) : null
  }

  /** Adds the folder, or updates its options when the same path is watched already. */
  upsertFolder(f: WatchFolderInput): WatchFolder {
    const row = this.db
      .prepare(
        `INSERT INTO watch_folders (path, recursive, output_dir, name_template, options, created_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(path) DO UPDATE SET recursive = excluded.recursive,
           output_dir = excluded.output_dir, name_template = excluded.name_template,
           options = excluded.options
         RETURNING *`
      )
      .get(
        f.path,
        f.recursive ? 1 : 0,
        f.outputDir,
        f.nameTemplate,
        JSON.stringify(f.options),
        Date.now()
      ) as FolderDbRow
    return toFolder(row)
  }

  removeFolder(id: number): boolean {
    return this.db.prepare('DELETE FROM watch_folders WHERE id = ?').run(id).changes > 0
  }

  setPaused(id: number, paused: boolean): boolean {
    const sql = 'UPDATE watch_folders SET paused = ? WHERE id = ?'
    return this.db.prepare(sql).run(paused ? 1 : 0, id).changes > 0
  }

  file(folderId: number, path: string): WatchFileRow | null {
    const sql = 'SELECT * FROM watch_files WHERE folder_id = ? AND path = ?'
    return (this.db.prepare(sql).get(folderId, path) as WatchFileRow | undefined) ?? null
  }

  /** The folder's files in a state (all of them without one). */
  files(folderId: number, states?: readonly WatchFileState[]): WatchFileRow[] {
    const rows = this.db
      .prepare('SELECT * FROM watch_files WHERE folder_id = ?')
      .all(folderId) as WatchFileRow[]
    return states ? rows.filter((r) => states.includes(r.state)) : rows
  }

  /** Files waiting on this job: its own first (resumed before its copies look for it), then linked. */
  filesOfJob(jobId: number): WatchFileRow[] {
    const sql = `SELECT * FROM watch_files WHERE job_id = ? AND state IN ('queued', 'linked')
      ORDER BY state = 'linked'`
    return this.db.prepare(sql).all(jobId) as WatchFileRow[]
  }

  saveFile(row: Omit<WatchFileRow, 'outputs'> & { outputs?: string | null }): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO watch_files
           (folder_id, path, size, mtime_ms, content_hash, state, job_id, reason, outputs, updated_at)
         VALUES (@folder_id, @path, @size, @mtime_ms, @content_hash, @state, @job_id, @reason,
           @outputs, @updated_at)`
      )
      .run({ outputs: null, ...row, updated_at: Date.now() })
  }

  setFileState(
    folderId: number,
    path: string,
    change: {
      state: WatchFileState
      reason?: string | null
      jobId?: number | null
      outputs?: string[]
    }
  ): void {
    this.db
      .prepare(
        `UPDATE watch_files SET state = ?, reason = ?, job_id = coalesce(?, job_id),
           outputs = coalesce(?, outputs), updated_at = ? WHERE folder_id = ? AND path = ?`
      )
      .run(
        change.state,
        change.reason ?? null,
        change.jobId ?? null,
        change.outputs ? JSON.stringify(change.outputs) : null,
        Date.now(),
        folderId,
        path
      )
  }

  countByState(folderId: number): Partial<Record<WatchFileState, number>> {
    const rows = this.db
      .prepare('SELECT state, count(*) AS n FROM watch_files WHERE folder_id = ? GROUP BY state')
      .all(folderId) as { state: WatchFileState; n: number }[]
    return Object.fromEntries(rows.map((r) => [r.state, r.n]))
  }

  /** How long this folder's own jobs took on average (seconds), or null before the first. */
  meanJobSeconds(folderId: number): number | null {
    const row = this.db
      .prepare(
        `SELECT avg(j.finished_at - j.started_at) / 1000.0 AS mean FROM watch_files f
         JOIN transcription_jobs j ON j.id = f.job_id
         WHERE f.folder_id = ? AND f.state = 'exported' AND f.reason IS NULL
           AND j.started_at IS NOT NULL AND j.finished_at IS NOT NULL`
      )
      .get(folderId) as { mean: number | null }
    return row.mean
  }
}
