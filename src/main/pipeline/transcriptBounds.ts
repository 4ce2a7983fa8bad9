// The pipeline's transcript within the bounds the editor's saves are held to (TranscriptSchema in
// src/shared/domain.ts): a transcript the pipeline writes can always be edited and saved. Nothing
// with a time is dropped: a word longer than a word may be is cut into pieces sharing its time,
// and times are clamped and put in order.
import {
  TRANSCRIPT_LIMITS,
  TranscriptSchema,
  type TimedWord,
  type Transcript
} from '@shared/transcript'
import { wordsFromSegment } from '../engines/endpointProtocol'

const clampSeconds = (t: number): number => Math.min(TRANSCRIPT_LIMITS.seconds, Math.max(0, t))

/** Pieces of at most the word limit, never splitting a surrogate pair. */
function pieces(word: string): string[] {
  const out: string[] = []
  for (let at = 0; at < word.length;) {
    let next = Math.min(word.length, at + TRANSCRIPT_LIMITS.wordChars)
    if (next < word.length && /[\uD800-\uDBFF]/.test(word[next - 1])) next--
    out.push(word.slice(at, next))
    at = next
  }
  return out
}

export function fitWords(words: readonly TimedWord[]): TimedWord[] {
  const fitted: TimedWord[] = []
  for (const w of words) {
    if (!Number.isFinite(w.start) || !Number.isFinite(w.end)) continue
    const start = clampSeconds(w.start)
    const end = Math.max(start, clampSeconds(w.end))
    if (w.word.length <= TRANSCRIPT_LIMITS.wordChars) fitted.push({ ...w, start, end })
    else {
      const cut = wordsFromSegment(pieces(w.word).join(' '), start, end)
      fitted.push(...(w.speaker ? cut.map((piece) => ({ ...piece, speaker: w.speaker })) : cut))
    }
  }
  // Stable: words with one start keep the engine's order.
  return fitted.sort((a, b) => a.start - b.start)
}

/** The transcript as the editor will take it, or a one-line reason it cannot be (a bug here). */
export function checkedTranscript(transcript: Transcript): Transcript {
  const parsed = TranscriptSchema.safeParse(transcript)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new Error(`the transcript is out of bounds at ${issue.path.join('.')}: ${issue.message}`)
}
