// The chunk plan of a file whose speech a detector found (openSpeechDetector.ts): stretches
// without speech of at least MIN_GAP_SECONDS are gaps — never sent to the engine, kept in the
// transcript as `gaps` (music-like ones as 'music', by musicCheck.ts's cues) — and the speech
// between them is cut like any recording (silenceCuts.ts), with the detector's pauses as the
// places seams may go. Pure: the same stretches always give the same plan (resume relies on it).
import type { Gap } from '@shared/transcript'
import type { ChunkPlan } from './chunking'
import { planSilenceCuts, type CutOptions, type FrameLevels } from './silenceCuts'
import { windowCues, WINDOW_SECONDS } from './musicCheck'
import type { SpeechStretch } from './speechDetector'
import { complementOf } from './speechStretches'

/** A pause shorter than this stays in its chunk (a breath, a sentence's end): the engine hears it. */
export const MIN_GAP_SECONDS = 2
/** Audio kept either side of speech at a gap: a word's soft onset and tail. */
export const GAP_PAD_SECONDS = 0.3
/** A gap is 'music' when at least this share of the sound windows inside it are music-like. */
const MUSIC_SHARE = 0.8

export interface SpeechCutPlan {
  chunks: ChunkPlan[]
  silent: boolean[]
  silentSeams: number
  overlapSeams: number
  gaps: Gap[]
}

/** Speech islands: the timeline minus gaps (each island padded into its gaps). */
function islandsOf(speech: readonly SpeechStretch[], duration: number): SpeechStretch[] {
  const islands: SpeechStretch[] = []
  for (const s of speech) {
    const last = islands.at(-1)
    if (last && s.start - last.end < MIN_GAP_SECONDS) last.end = Math.max(last.end, s.end)
    else islands.push({ start: s.start, end: s.end })
  }
  // A pause at either end shorter than a gap is no gap either: the island reaches the edge.
  const first = islands.at(0)
  const last = islands.at(-1)
  if (first && first.start < MIN_GAP_SECONDS) first.start = 0
  if (last && duration - last.end < MIN_GAP_SECONDS) last.end = duration
  return islands.map((i) => ({
    start: Math.max(0, i.start - GAP_PAD_SECONDS),
    end: Math.min(duration, i.end + GAP_PAD_SECONDS)
  }))
}

function gapKind(gap: SpeechStretch, levels: FrameLevels | null): Gap['kind'] {
  if (!levels) return 'no-speech'
  const inside = windowCues(levels).filter(
    (c) => c.start >= gap.start && c.start + WINDOW_SECONDS <= gap.end
  )
  const music = inside.filter((c) => c.musicLike).length
  return inside.length >= 1 && music >= MUSIC_SHARE * inside.length ? 'music' : 'no-speech'
}

export function planSpeechCuts(
  durationSeconds: number,
  speech: readonly SpeechStretch[],
  options: CutOptions,
  levels: FrameLevels | null
): SpeechCutPlan {
  const islands = islandsOf(speech, durationSeconds)
  const chunks: ChunkPlan[] = []
  let silentSeams = 0
  let overlapSeams = 0
  for (const [n, island] of islands.entries()) {
    const length = island.end - island.start
    const pauses = complementOf(
      speech.map((s) => ({ start: s.start - island.start, end: s.end - island.start })),
      length
    )
    const cut = planSilenceCuts(length, pauses, options)
    silentSeams += cut.silentSeams
    overlapSeams += cut.overlapSeams
    // Owned ranges still tile the timeline: an island's edges own up to the middle of its gaps.
    const ownFrom = n === 0 ? -Infinity : (islands[n - 1].end + island.start) / 2
    const ownTo = n === islands.length - 1 ? Infinity : (island.end + islands[n + 1].start) / 2
    for (const c of cut.chunks)
      chunks.push({
        index: chunks.length,
        start: c.start + island.start,
        end: c.end + island.start,
        ownStart: Number.isFinite(c.ownStart) ? c.ownStart + island.start : ownFrom,
        ownEnd: Number.isFinite(c.ownEnd) ? c.ownEnd + island.start : ownTo
      })
  }
  const gaps = complementOf(islands, durationSeconds)
    .filter((g) => g.end - g.start > 0.01)
    .map((g) => ({ start: g.start, end: g.end, kind: gapKind(g, levels) }))
  return { chunks, silent: chunks.map(() => false), silentSeams, overlapSeams, gaps }
}

/** Seconds of audio the plan sends to the engine (overlaps counted twice, as they are sent). */
export function engineSeconds(chunks: readonly ChunkPlan[]): number {
  return chunks.reduce((sum, c) => sum + (c.end - c.start), 0)
}
