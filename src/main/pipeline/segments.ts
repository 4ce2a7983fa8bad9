// Groups words into readable segments (subtitle cues / transcript lines): a new segment starts
// after a pause, or when the current one gets too long to read at once.
import type { Segment, TimedWord } from '@shared/transcript'

export interface SegmentRules {
  pauseSeconds: number
  maxSeconds: number
  maxChars: number
}

export const DEFAULT_SEGMENT_RULES: SegmentRules = {
  pauseSeconds: 0.8,
  maxSeconds: 6,
  maxChars: 84
}

export function groupSegments(
  words: TimedWord[],
  rules: SegmentRules = DEFAULT_SEGMENT_RULES
): Segment[] {
  const segments: Segment[] = []
  let current: TimedWord[] = []
  const flush = (): void => {
    if (current.length === 0) return
    segments.push({
      start: current[0].start,
      end: current[current.length - 1].end,
      text: current.map((w) => w.word).join(' '),
      words: current
    })
    current = []
  }
  for (const word of words) {
    if (current.length > 0) {
      const last = current[current.length - 1]
      const textLength = current.reduce((n, w) => n + w.word.length + 1, 0) + word.word.length
      if (
        word.start - last.end >= rules.pauseSeconds ||
        word.end - current[0].start > rules.maxSeconds ||
        textLength > rules.maxChars
      ) {
        flush()
      }
    }
    current.push(word)
  }
  flush()
  return segments
}
