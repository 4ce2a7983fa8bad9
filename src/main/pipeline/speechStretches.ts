// Speech and its absence as two views of one timeline: the stretches a detector heard speech in,
// and the pauses between them (what the cut planner seams in, silenceCuts.ts). Pure.
import type { SpeechStretch } from './speechDetector'

/** The parts of [0, duration] outside `stretches` (sorted, not overlapping). */
export function complementOf(
  stretches: readonly SpeechStretch[],
  duration: number
): SpeechStretch[] {
  const out: SpeechStretch[] = []
  let at = 0
  for (const s of stretches) {
    const start = Math.max(0, Math.min(duration, s.start))
    if (start > at) out.push({ start: at, end: start })
    at = Math.max(at, Math.min(duration, s.end))
  }
  if (duration > at) out.push({ start: at, end: duration })
  return out
}

/** Stretches sorted by start, overlapping or closer than `joinSeconds` joined into one. */
export function joinStretches(
  stretches: readonly SpeechStretch[],
  joinSeconds = 0
): SpeechStretch[] {
  const sorted = [...stretches].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start)
  const out: SpeechStretch[] = []
  for (const s of sorted) {
    const last = out.at(-1)
    if (last && s.start - last.end <= joinSeconds) last.end = Math.max(last.end, s.end)
    else out.push({ ...s })
  }
  return out
}

/** Seconds of `stretches` inside [from, to). */
export function secondsWithin(
  stretches: readonly SpeechStretch[],
  from: number,
  to: number
): number {
  let sum = 0
  for (const s of stretches) sum += Math.max(0, Math.min(to, s.end) - Math.max(from, s.start))
  return sum
}
