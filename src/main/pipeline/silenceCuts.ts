// Where to cut a recording: at a silence near each target chunk length, so a seam falls between
// words and needs no overlap (no work done twice, no word cut in half). Where no silence lies
// within the search window before the target, the seam falls back to the fixed cut with overlap,
// and merge.ts settles the words heard twice. Pure functions of the frame levels: the same audio
// always gives the same plan, which is what lets a resumed job reuse finished chunks.
import type { ChunkPlan } from './chunking'

export interface Silence {
  /** Seconds. */
  start: number
  end: number
}

export interface FrameLevels {
  frameSeconds: number
  /** dBFS per frame. */
  db: Float32Array
}

/** A quiet run shorter than this is a pause inside a word or a stop consonant, not a gap. */
export const MIN_SILENCE_SECONDS = 0.1
/** Louder than this is never silence, whatever the recording's noise floor (music, hum). */
const MAX_THRESHOLD_DB = -30

function percentile(sorted: Float32Array, p: number): number {
  if (sorted.length === 0) return -100
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
}

/**
 * The level below which a frame counts as silence: a bit above the recording's own noise floor
 * (its quietest tenth), scaled by how far speech rises above it, and never above -30 dBFS.
 */
export function silenceThresholdDb(db: Float32Array): number {
  const sorted = Float32Array.from(db).sort()
  const floor = percentile(sorted, 0.1)
  const loud = percentile(sorted, 0.9)
  return Math.min(MAX_THRESHOLD_DB, floor + Math.max(6, 0.5 * (loud - floor)))
}

/** Runs of frames at or below the threshold lasting at least `minSeconds`. */
export function findSilences(
  levels: FrameLevels,
  thresholdDb = silenceThresholdDb(levels.db),
  minSeconds = MIN_SILENCE_SECONDS
): Silence[] {
  const silences: Silence[] = []
  const { db, frameSeconds } = levels
  let runStart = -1
  for (let i = 0; i <= db.length; i++) {
    const quiet = i < db.length && db[i] <= thresholdDb
    if (quiet && runStart < 0) runStart = i
    if (!quiet && runStart >= 0) {
      if ((i - runStart) * frameSeconds >= minSeconds - 1e-9)
        silences.push({ start: runStart * frameSeconds, end: i * frameSeconds })
      runStart = -1
    }
  }
  return silences
}

export interface CutOptions {
  chunkSeconds: number
  overlapSeconds: number
  /** How far before the target length a silence may be to serve as the seam (default: 40 % of a chunk). */
  searchSeconds?: number
  /** How far past the target length a silence may be (default 0: chunks never exceed chunkSeconds). */
  searchAfterSeconds?: number
  /** Audio heard (not owned) past each silent seam, on both sides: the engine's context. */
  contextSeconds?: number
}

export interface CutPlan {
  chunks: ChunkPlan[]
  silentSeams: number
  overlapSeams: number
}

/** Index of the first silence that ends after `t` (binary search: hours of audio, many gaps). */
function firstEndingAfter(silences: Silence[], t: number): number {
  let low = 0
  let high = silences.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (silences[mid].end <= t) low = mid + 1
    else high = mid
  }
  return low
}

/** The middle of the longest silence (clipped to the window) within [from, to), or null. */
function bestSilentCut(silences: Silence[], from: number, to: number): number | null {
  let best: Silence | null = null
  for (let i = firstEndingAfter(silences, from); i < silences.length; i++) {
    const s = silences[i]
    if (s.start >= to) break
    const clipped = { start: Math.max(s.start, from), end: Math.min(s.end, to) }
    if (!best || clipped.end - clipped.start >= best.end - best.start) best = clipped
  }
  return best ? (best.start + best.end) / 2 : null
}

/** Chunks of at most `chunkSeconds`, seamed at silences where possible. Silences sorted by start. */
export function planSilenceCuts(
  durationSeconds: number,
  silences: Silence[],
  options: CutOptions
): CutPlan {
  const duration = Math.max(0, durationSeconds)
  const { chunkSeconds } = options
  const overlap = Math.max(0, Math.min(options.overlapSeconds, chunkSeconds / 2 - 1e-6))
  const search = Math.min(options.searchSeconds ?? chunkSeconds * 0.4, chunkSeconds / 2)
  const after = Math.max(0, options.searchAfterSeconds ?? 0)
  const chunks: ChunkPlan[] = []
  let silentSeams = 0
  let overlapSeams = 0
  let start = 0
  let ownStart = -Infinity
  while (chunkSeconds > 0 && duration - start > chunkSeconds) {
    const target = start + chunkSeconds
    const cut = bestSilentCut(silences, target - search, Math.min(target + after, duration))
    const index = chunks.length
    if (cut !== null) {
      chunks.push({ index, start, end: cut, ownStart, ownEnd: cut })
      start = cut
      ownStart = cut
      silentSeams++
    } else {
      const seam = target - overlap / 2
      chunks.push({ index, start, end: target, ownStart, ownEnd: seam })
      start = target - overlap
      ownStart = seam
      overlapSeams++
    }
  }
  chunks.push({ index: chunks.length, start, end: duration, ownStart, ownEnd: Infinity })
  return {
    chunks: withSeamContext(chunks, options.contextSeconds ?? 0, duration),
    silentSeams,
    overlapSeams
  }
}

/**
 * Each chunk also hears `seconds` of audio past every edge where it owns up to the edge (a
 * silent seam), so the engine starts and ends a little outside the words it owns; the words
 * heard there belong to the neighbour, and merge.ts keeps each once by ownership.
 */
export function withSeamContext(
  chunks: ChunkPlan[],
  seconds: number,
  durationSeconds: number
): ChunkPlan[] {
  if (seconds <= 0) return chunks
  return chunks.map((c) => ({
    ...c,
    start: c.start >= c.ownStart ? Math.max(0, c.start - seconds) : c.start,
    end: c.end <= c.ownEnd ? Math.min(durationSeconds, c.end + seconds) : c.end
  }))
}

/** True when the part of the chunk it owns lies wholly inside one silence: nothing to transcribe. */
export function chunkIsSilent(chunk: ChunkPlan, silences: Silence[]): boolean {
  const from = Math.max(chunk.start, chunk.ownStart)
  const to = Math.min(chunk.end, chunk.ownEnd)
  return silences.some((s) => s.start <= from && s.end >= to)
}
