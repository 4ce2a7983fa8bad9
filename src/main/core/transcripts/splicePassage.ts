// A passage transcribed again, put into the job's transcript: the segments of the passage (by
// their middle) give way to the new ones, every other segment stays exactly as it was.
import type { Passage } from '@shared/passageRedo'
import type { Segment, Transcript } from '@shared/transcript'

const middle = (s: { start: number; end: number }): number => (s.start + s.end) / 2
const inside = (s: { start: number; end: number }, p: Passage): boolean =>
  middle(s) >= p.from && middle(s) <= p.to

export function splicePassage(
  transcript: Transcript,
  passage: Passage,
  again: readonly Segment[]
): Transcript {
  const kept = transcript.segments.filter((s) => !inside(s, passage))
  // Words the new run put beyond the passage (padding) belong to segments that were kept.
  const fresh = again
    .map((s) => ({ ...s, words: s.words.filter((w) => inside(w, passage)) }))
    .filter((s) => s.words.length > 0)
    .map((s) => ({
      ...s,
      start: s.words[0].start,
      end: s.words[s.words.length - 1].end,
      text: s.words.map((w) => w.word).join(' ')
    }))
  const segments = [...kept, ...fresh].sort((a, b) => a.start - b.start)
  return { ...transcript, segments }
}
