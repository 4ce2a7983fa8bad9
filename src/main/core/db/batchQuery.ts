// The queue's batch as one line: the jobs queued since the queue was last empty, counted by status,
// and the time the whole queue has left. The queue was last empty just before the batch's first
// job was queued: going back from the oldest job still queued or running, each job that ended after
// an earlier one was queued joins the batch. A job counts from when it last entered the queue
// (`queued_at`: created, or resumed), so an old job resumed today does not reach back to the day
// it was first added. Then one aggregate over the batch's rows (the queued_at index), grouped by
// what sets a job's speed: 10,000 queued jobs are a handful of groups.
import type Database from 'better-sqlite3'
import type { BatchProgress } from '@shared/domain'
import { ACTIVE_STATUS_SQL } from './jobRepository'
import { earlierSecondsPerAudioSecond } from './earlierSpeed'

/** One status × engine × model × processes group of the batch. */
interface Group {
  status: string
  engine: string
  model: string
  processes: number
  jobs: number
  /** Jobs whose duration is known (probed when they started). */
  timed: number
  /** Their audio seconds, and what is left of them at each job's progress. */
  seconds: number
  secondsLeft: number
}

export class BatchQuery {
  private readonly oldestUnfinished: Database.Statement
  private readonly endedAfter: Database.Statement
  private readonly groups: Database.Statement

  constructor(private readonly db: Database.Database) {
    this.oldestUnfinished = db
      .prepare(`SELECT MIN(queued_at) FROM transcription_jobs WHERE status IN ${ACTIVE_STATUS_SQL}`)
      .pluck()
    this.endedAfter = db
      .prepare(
        'SELECT MIN(queued_at) FROM transcription_jobs WHERE queued_at < @at AND finished_at > @at'
      )
      .pluck()
    this.groups = db.prepare(
      `SELECT status, engine, model, processes, COUNT(*) AS jobs,
              COUNT(duration_seconds) AS timed, TOTAL(duration_seconds) AS seconds,
              TOTAL(duration_seconds * (1 - progress)) AS secondsLeft
         FROM transcription_jobs WHERE queued_at >= ?
        GROUP BY status, engine, model, processes`
    )
  }

  /** When the batch's first job was queued; null when nothing is queued or running. */
  private since(): number | null {
    let since = this.oldestUnfinished.get() as number | null
    // Each step reaches back over the jobs that were still in the queue when `since` was queued.
    for (let earlier = since; earlier !== null;) {
      since = earlier
      earlier = this.endedAfter.get({ at: since }) as number | null
    }
    return since
  }

  /** The batch's counts and the queue's time left with `concurrentJobs` jobs at once. */
  progress(concurrentJobs: number): BatchProgress {
    const since = this.since()
    const groups = since === null ? [] : (this.groups.all(since) as Group[])
    const count = (status: string): number =>
      groups.filter((g) => g.status === status).reduce((n, g) => n + g.jobs, 0)
    return {
      since,
      total: groups.reduce((n, g) => n + g.jobs, 0),
      completed: count('completed'),
      failed: count('failed'),
      cancelled: count('cancelled'),
      processing: count('processing'),
      queued: count('queued'),
      etaSeconds: groups.length > 0 ? this.secondsLeft(groups, concurrentJobs) : null
    }
  }

  /**
   * Each unfinished group's audio left × the rate earlier jobs of its engine and model ran at,
   * shared by the jobs that run at once. A job not started yet has no duration: it counts as the
   * batch's average one. Null while any of that is unknown (no duration yet, or no earlier rate).
   */
  private secondsLeft(groups: Group[], concurrentJobs: number): number | null {
    const timed = groups.reduce((n, g) => n + g.timed, 0)
    const average = timed > 0 ? groups.reduce((s, g) => s + g.seconds, 0) / timed : null
    let work = 0
    for (const g of groups) {
      if (g.status !== 'queued' && g.status !== 'processing') continue
      const untimed = g.jobs - g.timed
      if (untimed > 0 && average === null) return null
      const rate = earlierSecondsPerAudioSecond(this.db, g.engine, g.model)
      if (rate === null) return null
      const audioLeft =
        (g.status === 'queued' ? g.seconds : g.secondsLeft) + untimed * (average ?? 0)
      work += (audioLeft * rate) / Math.max(1, g.processes)
    }
    return Math.round(work / Math.max(1, concurrentJobs))
  }
}
