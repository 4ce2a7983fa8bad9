// Speakers in an OpenAI-compatible reply. Servers that diarize name the speaker of each segment
// and leave the words unnamed (LocalAI with `diarize`: `segments[].speaker` such as "1" or
// "SPEAKER_00"; speaches with diarization: `segments[].speaker` from pyannote, while its top-level
// `words` carry none), or name each word (`speaker` or `speaker_id`, a string or a number). Every
// shape ends the same way: each word named S1, S2, … in the order its speaker first speaks in the
// reply, the way the local speaker step names them (src/main/pipeline/speakerLabels.ts). The names
// hold within one reply only: a server numbers the speakers of each request afresh.
import { z } from 'zod'
import type { TimedWord } from '@shared/transcript'

/** A speaker as a server names it: a non-empty string or a number; else no speaker. */
const LabelSchema = z
  .union([z.string().trim().min(1).max(200), z.number().finite()])
  .transform(String)

/** The speaker fields of a reply's word or segment: one schema for both shapes. */
const SpeakerFieldsSchema = z.object({
  speaker: LabelSchema.optional().catch(undefined),
  speaker_id: LabelSchema.optional().catch(undefined)
})

/** The speaker a wire word or segment names, if it names one. */
export function speakerLabel(value: unknown): string | undefined {
  const parsed = SpeakerFieldsSchema.safeParse(value)
  return parsed.success ? (parsed.data.speaker ?? parsed.data.speaker_id) : undefined
}

/** A reply's word with the server's own name for its speaker, when it gave one. */
export type HeardWord = TimedWord & { label?: string }

/** A stretch of the reply (a segment) that names its speaker. */
export interface LabelledStretch {
  start: number
  end: number
  label: string
}

/**
 * The segment a word overlaps most, else the nearest (a word between two segments). `sorted` is in
 * order of start; segments come in order and apart, so only those beside the word are looked at
 * (a reply with thousands of segments costs one search per word, not a pass).
 */
function labelByTime(word: TimedWord, sorted: readonly LabelledStretch[]): string | undefined {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid].start <= word.end) lo = mid + 1
    else hi = mid
  }
  let best: { label: string; overlap: number; distance: number } | undefined
  for (const s of sorted.slice(Math.max(0, lo - 2), lo + 1)) {
    const overlap = Math.min(word.end, s.end) - Math.max(word.start, s.start)
    const distance = Math.max(s.start - word.end, word.start - s.end, 0)
    if (!best || overlap > best.overlap || (overlap === best.overlap && distance < best.distance))
      best = { label: s.label, overlap, distance }
  }
  return best?.label
}

/** An unnamed word takes the speaker of the nearest named word (the earlier one on a tie). */
function fillGaps(labels: readonly (string | undefined)[]): string[] {
  const previous: number[] = []
  let at = -1
  labels.forEach((label, i) => {
    if (label !== undefined) at = i
    previous.push(at)
  })
  const next: number[] = new Array<number>(labels.length)
  at = -1
  for (let i = labels.length - 1; i >= 0; i--) {
    if (labels[i] !== undefined) at = i
    next[i] = at
  }
  return labels.map((label, i) => {
    if (label !== undefined) return label
    const [back, ahead] = [previous[i], next[i]]
    return labels[ahead < 0 || (back >= 0 && i - back <= ahead - i) ? back : ahead] as string
  })
}

/**
 * The reply's words, each naming its speaker as S1, S2, … in order of first appearance, when the
 * reply names speakers at all (its words, or the segments they fall in); else the words unnamed.
 */
export function nameSpeakers(
  heard: readonly HeardWord[],
  stretches: readonly LabelledStretch[]
): TimedWord[] {
  const sorted = [...stretches].sort((a, b) => a.start - b.start)
  const labels = heard.map((w) => w.label ?? labelByTime(w, sorted))
  const words = heard.map(({ label: _label, ...w }) => w)
  if (labels.every((l) => l === undefined)) return words
  const ids = new Map<string, string>()
  return fillGaps(labels).map((label, i) => {
    if (!ids.has(label)) ids.set(label, `S${ids.size + 1}`)
    return { ...words[i], speaker: ids.get(label) }
  })
}
