// The job's progress, phase by phase. Before the chunks exist: how much of the input ffmpeg has
// decoded (with the decode's own time left), then finding speech. Then finished chunks plus the
// fraction of each running chunk its engine reports (whisper's progress callback, pocketsphinx's
// utterance times), so a long chunk does not sit at one percentage for minutes and the ETA appears
// before the first chunk ends. Where the engine says nothing yet, the rate earlier jobs measured
// estimates the chunk. Chunks only endpoints are working on report nothing until they answer:
// with no local chunk running, the phase says the job waits for them. The speaker step counts as
// one more step; while it runs and no local chunk does, the phase says so (with its own fraction).
// Partial updates are throttled; a finished chunk and a change of phase are always reported.
import type { JobPhase } from '@shared/jobProgress'
import type { EventSink } from './events'

const PARTIAL_EVERY_MS = 250

/** Time left at the rate measured so far, in tenths of a second; null before anything was done. */
function etaAt(elapsedSeconds: number, worked: number, left: number): number | null {
  return worked > 0 ? Math.round((elapsedSeconds / worked) * left * 10) / 10 : null
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x))

/** Decoding and finding speech: the steps before the chunk plan, which ChunkProgress then follows. */
export class PreparationProgress {
  private readonly startedAt = Date.now()

  constructor(
    private readonly durationSeconds: number,
    private readonly emit: EventSink
  ) {
    this.send('decoding', 0, null)
  }

  /** ffmpeg has decoded this many seconds of the input. */
  decoded(seconds: number): void {
    const fraction = this.durationSeconds > 0 ? clamp01(seconds / this.durationSeconds) : 0
    const elapsed = (Date.now() - this.startedAt) / 1000
    this.send('decoding', fraction, etaAt(elapsed, fraction, 1 - fraction))
  }

  planning(): void {
    this.send('planning', null, null)
  }

  private send(phase: JobPhase, phaseFraction: number | null, etaSeconds: number | null): void {
    this.emit({
      type: 'progress',
      chunksDone: 0,
      chunksTotal: 0,
      fraction: 0,
      etaSeconds,
      phase,
      phaseFraction
    })
  }
}

/** How often a chunk estimated from an earlier rate is reported (no engine event says when). */
const ESTIMATE_EVERY_MS = 1000
/** An estimate never claims a chunk nearly done: the rate may be another day's. */
const ESTIMATE_CAP = 0.9

export class ChunkProgress {
  private readonly running = new Map<number, number>()
  private readonly atEndpoints = new Set<number>()
  /** Local chunks timed against the earlier rate: when each started and its audio length. */
  private readonly timed = new Map<number, { at: number; audioSeconds: number }>()
  private timer: NodeJS.Timeout | undefined
  private readonly startedAt = Date.now()
  private chunksDone = 0
  private chunksReused = 0
  private lastPartialAt = 0
  private lastPhase: JobPhase = 'transcribing'
  /** The speaker step's index among the steps, once it started (speakerRun.ts). */
  private speakerIndex: number | undefined

  /**
   * `secondsPerAudioSecond`: one engine process's rate on earlier jobs (core/db/earlierSpeed.ts),
   * when the host knows one; a running chunk's engine may say less than it (or nothing).
   */
  constructor(
    private readonly chunksTotal: number,
    private readonly emit: EventSink,
    private readonly secondsPerAudioSecond?: number
  ) {
    this.report()
  }

  /** A chunk went to an engine: a local one (which may report its progress) or an endpoint. */
  started(index: number, how: { atEndpoint?: boolean; audioSeconds?: number } = {}): void {
    if (how.atEndpoint) this.atEndpoints.add(index)
    else {
      this.running.set(index, 0)
      if (this.secondsPerAudioSecond && how.audioSeconds) {
        this.timed.set(index, { at: Date.now(), audioSeconds: how.audioSeconds })
        this.timer ??= setInterval(() => this.report(), ESTIMATE_EVERY_MS).unref()
      }
    }
    if (this.phase() !== this.lastPhase) this.report()
  }

  /** The speaker step (the step at `index`, after the chunks) started. */
  speakersStarted(index: number): void {
    this.speakerIndex = index
    this.running.set(index, 0)
    if (this.phase() !== this.lastPhase) this.report()
  }

  partial(index: number, fraction: number): void {
    this.running.set(index, clamp01(fraction))
    const now = Date.now()
    if (now - this.lastPartialAt < PARTIAL_EVERY_MS) return
    this.lastPartialAt = now
    this.report()
  }

  /** Marks a chunk finished (reused ones cost no time, so the ETA leaves them out); returns how many are. */
  done(index: number, how: { reused?: boolean } = {}): number {
    this.running.delete(index)
    this.atEndpoints.delete(index)
    this.timed.delete(index)
    if (this.timed.size === 0) {
      clearInterval(this.timer)
      this.timer = undefined
    }
    this.chunksDone++
    if (how.reused) this.chunksReused++
    this.report()
    return this.chunksDone
  }

  /** What its engine said of a running chunk, or what the earlier rate expects by now if more. */
  private share(index: number, reported: number): number {
    const timed = this.timed.get(index)
    if (!timed || !this.secondsPerAudioSecond) return reported
    const seconds = (Date.now() - timed.at) / 1000
    const expected = seconds / (timed.audioSeconds * this.secondsPerAudioSecond)
    return Math.max(reported, Math.min(ESTIMATE_CAP, expected))
  }

  private speakersRunning(): boolean {
    return this.speakerIndex !== undefined && this.running.has(this.speakerIndex)
  }

  private phase(): JobPhase {
    const speakers = this.speakersRunning()
    if (this.running.size > (speakers ? 1 : 0)) return 'transcribing'
    if (speakers) return 'speakers'
    return this.atEndpoints.size > 0 ? 'waiting' : 'transcribing'
  }

  private report(): void {
    let partial = 0
    for (const [index, f] of this.running) partial += this.share(index, f)
    const total = Math.max(1, this.chunksTotal)
    const fraction = Math.min(1, (this.chunksDone + partial) / total)
    const elapsed = (Date.now() - this.startedAt) / 1000
    const worked = fraction - this.chunksReused / total
    this.lastPhase = this.phase()
    this.emit({
      type: 'progress',
      chunksDone: this.chunksDone,
      chunksTotal: this.chunksTotal,
      fraction,
      etaSeconds: etaAt(elapsed, worked, 1 - fraction),
      phase: this.lastPhase,
      phaseFraction:
        this.lastPhase === 'speakers' ? (this.running.get(this.speakerIndex ?? -1) ?? 0) : null
    })
  }
}
