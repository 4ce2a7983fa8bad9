// The passage_redos table (migrations/0016_passage_redos.sql): which jobs are "Transcribe again"
// jobs, the stretch each decodes, and the job its words go back into.
import type Database from 'better-sqlite3'

export interface PassageRedoRow {
  /** The job whose transcript the passage goes back into; null once that job was deleted. */
  of: number | null
  from: number
  to: number
}

export interface PassageRedoRows {
  add(jobId: number, redo: PassageRedoRow): void
  get(jobId: number): PassageRedoRow | undefined
}

export function passageRedoRows(db: Database.Database): PassageRedoRows {
  const insert = db.prepare(
    `INSERT INTO passage_redos (job_id, of_job_id, from_seconds, to_seconds) VALUES (?, ?, ?, ?)`
  )
  const select = db.prepare(
    `SELECT of_job_id AS "of", from_seconds AS "from", to_seconds AS "to"
       FROM passage_redos WHERE job_id = ?`
  )
  return {
    add: (jobId, redo) => void insert.run(jobId, redo.of, redo.from, redo.to),
    get: (jobId) => select.get(jobId) as PassageRedoRow | undefined
  }
}
