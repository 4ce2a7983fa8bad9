// A job's final status must never be lost because the database refused one write (a full disk,
// a read-only or vanished data dir, a lock held too long). The ledger writes the outcome at once
// and, when SQLite says no, keeps it in memory, reports it, and retries until it is written.
// The first outcome recorded for a job wins, exactly like the guarded UPDATEs do in the DB, so
// a late exit can never turn a pending `cancelled` into `failed`.
import type { JobRepository } from './jobRepository'

export type JobOutcome =
  | { status: 'completed'; outputs: Record<string, string> }
  | { status: 'failed'; message: string }
  | { status: 'cancelled'; reason: string }

export interface PendingOutcome {
  jobId: number
  outcome: JobOutcome
  /** The database's refusal, one line (e.g. "database or disk is full"). */
  error: string
  since: number
}

export interface OutcomeLedgerOptions {
  repo: Pick<JobRepository, 'completeJob' | 'failJob' | 'cancelJob'>
  /** The first write failed: the outcome is held in memory (report it to the user). */
  onUnsaved?: (pending: PendingOutcome) => void
  /** A held outcome reached the database. */
  onSaved?: (pending: PendingOutcome) => void
  /** First retry after this long, doubling up to maxRetryMs. */
  retryMs?: number
  maxRetryMs?: number
}

/** SQLite's refusals (better-sqlite3 throws SqliteError with a SQLITE_* code); others are bugs. */
export function isDatabaseRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_')
}

export class OutcomeLedger {
  private readonly held = new Map<number, PendingOutcome>()
  private timer: NodeJS.Timeout | null = null
  private delayMs: number

  constructor(private readonly o: OutcomeLedgerOptions) {
    this.delayMs = o.retryMs ?? 1000
  }

  /**
   * Writes the outcome (a guarded update: false when the row had already ended). When the
   * database refuses, the outcome is held, reported once, retried, and 'held' is returned.
   */
  record(jobId: number, outcome: JobOutcome): 'written' | 'unchanged' | 'held' {
    if (this.held.has(jobId)) return 'unchanged'
    try {
      return this.write(jobId, outcome) ? 'written' : 'unchanged'
    } catch (error) {
      if (!isDatabaseRefusal(error)) throw error
      const pending = { jobId, outcome, error: firstLine(error), since: Date.now() }
      this.held.set(jobId, pending)
      this.o.onUnsaved?.(pending)
      this.schedule()
      return 'held'
    }
  }

  /** The outcome still waiting for the database, if any. */
  pending(jobId: number): PendingOutcome | undefined {
    return this.held.get(jobId)
  }

  all(): PendingOutcome[] {
    return [...this.held.values()]
  }

  /** Tries every held outcome now; returns how many are still held. */
  flush(): number {
    for (const pending of [...this.held.values()]) {
      try {
        this.write(pending.jobId, pending.outcome)
      } catch (error) {
        if (!isDatabaseRefusal(error)) throw error
        pending.error = firstLine(error)
        continue
      }
      this.held.delete(pending.jobId)
      this.o.onSaved?.(pending)
    }
    return this.held.size
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private write(jobId: number, outcome: JobOutcome): boolean {
    const { repo } = this.o
    switch (outcome.status) {
      case 'completed':
        return repo.completeJob(jobId, outcome.outputs)
      case 'failed':
        return repo.failJob(jobId, outcome.message)
      case 'cancelled':
        return repo.cancelJob(jobId, outcome.reason)
    }
  }

  private schedule(): void {
    if (this.timer || this.held.size === 0) return
    this.timer = setTimeout(() => {
      this.timer = null
      const left = this.flush()
      this.delayMs = left > 0 ? Math.min(this.delayMs * 2, this.o.maxRetryMs ?? 10_000) : 1000
      this.schedule()
    }, this.delayMs)
    // Never keeps a host alive by itself; a host shutting down flushes one last time.
    this.timer.unref()
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0].trim()
}
