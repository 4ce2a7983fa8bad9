// Which segment and word are being spoken at a time (binary search: a long transcript is
// searched on every animation frame while playing).
import type { Segment } from '@shared/transcript'

/** The last item whose start is ≤ t, or -1. Items are sorted by start. */
function lastStartingBy(items: readonly { start: number }[], t: number): number {
  let lo = 0
  let hi = items.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (items[mid].start <= t) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** The segment playing at `t` (a pause after a segment still counts as it, until the next). */
export function segmentAt(segments: readonly Segment[], t: number): number {
  return lastStartingBy(segments, t)
}

/** The word being spoken at `t` in the segment, or -1 between words. */
export function wordAt(segment: Segment | undefined, t: number): number {
  if (!segment) return -1
  const i = lastStartingBy(segment.words, t)
  return i >= 0 && t <= segment.words[i].end + 0.15 ? i : -1
}

/** The engine's text of a segment: its words. A segment whose text differs was edited. */
export function wordsText(segment: Segment): string {
  return segment.words.map((w) => w.word).join(' ')
}

export function isEditedSegment(segment: Segment): boolean {
  return segment.words.length > 0 && segment.text !== wordsText(segment)
}
