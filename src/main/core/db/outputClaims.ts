// Which job a file on disk belongs to: the jobs whose recorded outputs (or log) name that path.
import type Database from 'better-sqlite3'

export function outputClaims(db: Database.Database): (jobId: number, path: string) => boolean {
  // output_files is a JSON object, so a path appears in it exactly as JSON.stringify spells it.
  const claimed = db.prepare(
    `SELECT 1 FROM transcription_jobs
     WHERE id <> ? AND (instr(output_files, ?) > 0 OR log_file_path = ?) LIMIT 1`
  )
  return (jobId, path) => claimed.get(jobId, JSON.stringify(path), path) !== undefined
}
