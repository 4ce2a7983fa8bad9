// A recorded job's `recording` column (migration 0011) and what the next start does with a
// recording a crash interrupted: the reaper has already stopped its tree and failed the row; here
// its file gets a header that matches its length, and the row says how much was kept and that
// Resume transcribes it (its input is now an ordinary WAV).
import { rmSync } from 'node:fs'
import type Database from 'better-sqlite3'
import { oneLineError } from '@shared/errors'
import type { JobRow } from '@shared/domain'
import { recordingEndedMarker } from '../../pipeline/growingWav'
import { repairRecording } from './recordingFile'

export type RecordingState = NonNullable<JobRow['recording']>

export function setRecordingState(
  db: Database.Database,
  jobId: number,
  state: RecordingState
): void {
  db.prepare('UPDATE transcription_jobs SET recording = ? WHERE id = ?').run(state, jobId)
}

/**
 * Recordings whose host died while they were being made (the reaper failed them): repaired and
 * marked `recovered`. Returns the ids it changed.
 */
export function recoverRecordings(db: Database.Database): number[] {
  const rows = db
    .prepare(
      `SELECT id, original_path FROM transcription_jobs
       WHERE recording = 'live' AND status IN ('failed', 'cancelled')`
    )
    .all() as Pick<JobRow, 'id' | 'original_path'>[]
  const update = db.prepare(
    `UPDATE transcription_jobs SET recording = 'recovered', duration_seconds = ?, error_message = ?
     WHERE id = ? AND recording = 'live'`
  )
  for (const row of rows) {
    let message: string
    let seconds: number | null = null
    try {
      seconds = repairRecording(row.original_path)
      message = `recording interrupted (the app stopped): ${seconds.toFixed(1)} s kept; Resume transcribes it`
    } catch (error) {
      message = `recording interrupted (the app stopped); its file could not be repaired: ${oneLineError(error)}`
    }
    rmSync(recordingEndedMarker(row.original_path), { force: true })
    update.run(seconds, message, row.id)
  }
  return rows.map((r) => r.id)
}
