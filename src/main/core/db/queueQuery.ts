// The queue page as SQL: every unfinished job's id under its status (one index scan, no rows),
// the rows of the newest few, and the rows of any ids the page scrolls to. With 10,000 queued
// jobs the page opens on tens of kilobytes instead of every row (bench/queuePage.bench.ts).
import type Database from 'better-sqlite3'
import type { JobRow, QueueSnapshot } from '@shared/domain'
import { ACTIVE_STATUS_SQL } from './jobRepository'

export class QueueQuery {
  private readonly unfinished: Database.Statement
  private readonly byIds: Database.Statement

  constructor(db: Database.Database) {
    this.unfinished = db.prepare(
      `SELECT id, status FROM transcription_jobs WHERE status IN ${ACTIVE_STATUS_SQL}
       ORDER BY id DESC`
    )
    this.byIds = db.prepare(
      `SELECT j.* FROM json_each(?) AS wanted
       JOIN transcription_jobs j ON j.id = wanted.value ORDER BY wanted.key`
    )
  }

  /** Ids per status, newest first, and the rows of the newest `firstRows` of them. */
  snapshot(firstRows: number): QueueSnapshot {
    const found = this.unfinished.all() as { id: number; status: string }[]
    const snapshot: QueueSnapshot = { processing: [], queued: [], rows: [] }
    for (const { id, status } of found) {
      if (status === 'processing') snapshot.processing.push(id)
      else snapshot.queued.push(id)
    }
    snapshot.rows = this.rows(found.slice(0, firstRows).map((j) => j.id))
    return snapshot
  }

  /** The rows of these ids that still exist, in the order given. */
  rows(ids: readonly number[]): JobRow[] {
    if (ids.length === 0) return []
    return this.byIds.all(JSON.stringify(ids)) as JobRow[]
  }
}
