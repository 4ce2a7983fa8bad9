// Which words of a transcript deserve a second look: the engine was unsure of them (confidence
// below the user's threshold) or the loop guard kept their passage doubtful. One rule for the
// editor's underlines and walk, the job page's count and `transcriptor jobs show`.
import type { Segment, TimedWord, Transcript } from './transcript'

/**
 * The default threshold (Settings → `doubtfulBelow`): below one half, the engine itself found
 * another reading at least as likely as the word it wrote. Engines' confidences for words they
 * hear right sit well above it; pocketsphinx's posteriors run lower overall than whisper's, so
 * with it more words are flagged, which suits an engine that gets more of them wrong.
 */
export const DEFAULT_DOUBTFUL_BELOW = 0.5

export interface DoubtfulWord {
  segment: number
  word: number
  start: number
  end: number
  /** Why, in words a user reads: "confidence 32 %" or the guard's reason. */
  why: string
}

/** A segment the user corrected: its words are no longer what it says (see transcriptTiming.ts). */
function corrected(segment: Segment): boolean {
  return segment.words.length > 0 && segment.text !== segment.words.map((w) => w.word).join(' ')
}

/** Why this word is doubtful, or null when it is not. */
export function doubtOf(segment: Segment, word: TimedWord, below: number): string | null {
  if (segment.doubtful) return `doubtful passage: ${segment.doubtful}`
  if (word.probability !== undefined && word.probability < below)
    return `confidence ${Math.round(word.probability * 100)} %`
  return null
}

/** Every doubtful word, in order; a corrected segment's words count as checked. */
export function doubtfulWords(transcript: Transcript, below: number): DoubtfulWord[] {
  const found: DoubtfulWord[] = []
  transcript.segments.forEach((segment, s) => {
    if (corrected(segment)) return
    segment.words.forEach((w, i) => {
      const why = doubtOf(segment, w, below)
      if (why) found.push({ segment: s, word: i, start: w.start, end: w.end, why })
    })
  })
  return found
}

/** "3 doubtful words", "1 doubtful word", "no doubtful words". */
export function doubtfulCountText(count: number): string {
  if (count === 0) return 'no doubtful words'
  return `${count} doubtful word${count === 1 ? '' : 's'}`
}
