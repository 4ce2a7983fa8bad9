// A job's final status must never be lost because the database refused one write (a full disk,
// a read-only or vanished data dir, a lock held too long). The ledger writes the outcome at once
// and, when SQLite says no, keeps it in memory, reports it, and retries until it is written.
// The first outcome recorded for a job wins, exactly like the guarded UPDATEs do in the DB, so
// a late exit can never turn a pending `cancelled` into `failed`. A held outcome is also written
// into the job's outcome slot on disk (./slots), so it outlives this process: whoever opens
// the database next writes it (./pending), and the reaper honours it.
import { backoffMs, type Backoff } from '@shared/backoff'
import { isDatabaseRefusal, writeOutcome, type JobOutcome, type OutcomeWriter } from './outcome'
import type { OutcomeSlots } from './slots'
import { oneLineError } from '@shared/errors'

export interface PendingOutcome {
  jobId: number
  outcome: JobOutcome
  /** The database's refusal, one line (e.g. "database or disk is full"). */
  error: string
  since: number
  /** The outcome slot it was written into, or null when it lives only in this process. */
  keptIn: string | null
}

export interface OutcomeLedgerOptions {
  repo: OutcomeWriter
  /** Where held outcomes are kept on disk; without it they live only in memory. */
  slots?: OutcomeSlots
  /** The first write failed: the outcome is held in memory (report it to the user). */
  onUnsaved?: (pending: PendingOutcome) => void
  /** A held outcome reached the database. */
  onSaved?: (pending: PendingOutcome) => void
  /** First retry after this long, doubling up to maxRetryMs. */
  retryMs?: number
  maxRetryMs?: number
}

export class OutcomeLedger {
  private readonly held = new Map<number, PendingOutcome>()
  private timer: NodeJS.Timeout | null = null
  /** Retries in a row that left an outcome held. */
  private failedRetries = 0
  private readonly backoff: Backoff

  constructor(private readonly o: OutcomeLedgerOptions) {
    this.backoff = { firstMs: o.retryMs ?? 1000, maxMs: o.maxRetryMs ?? 10_000 }
  }

  /**
   * Writes the outcome (a guarded update: false when the row had already ended). When the
   * database refuses, the outcome is held, reported once, retried, and 'held' is returned.
   */
  record(jobId: number, outcome: JobOutcome): 'written' | 'unchanged' | 'held' {
    if (this.held.has(jobId)) return 'unchanged'
    try {
      const written = writeOutcome(this.o.repo, jobId, outcome)
      this.o.slots?.release(jobId)
      return written ? 'written' : 'unchanged'
    } catch (error) {
      if (!isDatabaseRefusal(error)) throw error
      const since = Date.now()
      const held = { outcome, error: oneLineError(error), since }
      const keptIn = this.o.slots?.hold(jobId, held) ?? null
      const pending = { jobId, ...held, keptIn }
      this.held.set(jobId, pending)
      this.o.onUnsaved?.(pending)
      this.schedule()
      return 'held'
    }
  }

  /**
   * Reserves the job's outcome slot on disk (at its start, while the disk has room), so that an
   * outcome the database refuses later can be kept without new space. Best effort: without a
   * slot, a refused outcome is held in memory only.
   */
  prepare(jobId: number, startedAt: number): void {
    try {
      this.o.slots?.prepare(jobId, startedAt)
    } catch (error) {
      console.error(`[outcomes] job ${jobId}: no outcome slot reserved: ${oneLineError(error)}`)
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
        writeOutcome(this.o.repo, pending.jobId, pending.outcome)
      } catch (error) {
        if (!isDatabaseRefusal(error)) throw error
        pending.error = oneLineError(error)
        continue
      }
      this.held.delete(pending.jobId)
      this.o.slots?.release(pending.jobId)
      this.o.onSaved?.(pending)
    }
    return this.held.size
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private schedule(): void {
    if (this.timer || this.held.size === 0) return
    this.timer = setTimeout(
      () => {
        this.timer = null
        this.failedRetries = this.flush() > 0 ? this.failedRetries + 1 : 0
        this.schedule()
      },
      backoffMs(this.failedRetries, this.backoff)
    )
    // Never keeps a host alive by itself; a host shutting down flushes one last time.
    this.timer.unref()
  }
}
