// The job's progress: finished chunks plus the fraction of each running chunk the engine reports
// (whisper's progress callback), so a long chunk on a big model does not sit at one percentage
// for minutes. Partial updates are throttled; a finished chunk is always reported.
import type { EventSink } from './events'

const PARTIAL_EVERY_MS = 250

export class ChunkProgress {
  private readonly running = new Map<number, number>()
  private readonly startedAt = Date.now()
  private chunksDone = 0
  private chunksReused = 0
  private lastPartialAt = 0

  constructor(
    private readonly chunksTotal: number,
    private readonly emit: EventSink
  ) {
    emit({ type: 'progress', chunksDone: 0, chunksTotal, fraction: 0, etaSeconds: null })
  }

  partial(index: number, fraction: number): void {
    this.running.set(index, Math.min(1, Math.max(0, fraction)))
    const now = Date.now()
    if (now - this.lastPartialAt < PARTIAL_EVERY_MS) return
    this.lastPartialAt = now
    this.report()
  }

  /** Marks a chunk finished (reused ones cost no time, so the ETA leaves them out); returns how many are. */
  done(index: number, how: { reused?: boolean } = {}): number {
    this.running.delete(index)
    this.chunksDone++
    if (how.reused) this.chunksReused++
    this.report()
    return this.chunksDone
  }

  private report(): void {
    let partial = 0
    for (const f of this.running.values()) partial += f
    const fraction = Math.min(1, (this.chunksDone + partial) / this.chunksTotal)
    const elapsed = (Date.now() - this.startedAt) / 1000
    const worked = fraction - this.chunksReused / this.chunksTotal
    const etaSeconds = worked > 0 ? Math.round((elapsed / worked) * (1 - fraction) * 10) / 10 : null
    this.emit({
      type: 'progress',
      chunksDone: this.chunksDone,
      chunksTotal: this.chunksTotal,
      fraction,
      etaSeconds
    })
  }
}
