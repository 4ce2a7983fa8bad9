// A long transcript as an engine writes one: `count` segments of 4 s, each of 12 timed words with
// a confidence (10,000 segments ≈ 11 hours, over 8 MiB as JSON).
import type { Segment, Transcript } from '@shared/transcript'

const VOCABULARY =
  'the meeting budget river garden we went to market station village morning'.split(' ')

export function timedTranscript(count: number): Transcript {
  const segments: Segment[] = Array.from({ length: count }, (_, k) => {
    const words = Array.from({ length: 12 }, (_, i) => ({
      word: VOCABULARY[(k + i) % VOCABULARY.length],
      start: Math.round((k * 4 + i * 0.3) * 100) / 100,
      end: Math.round((k * 4 + i * 0.3 + 0.25) * 100) / 100,
      probability: 0.913
    }))
    return {
      start: words[0].start,
      end: words[11].end,
      text: words.map((w) => w.word).join(' '),
      words
    }
  })
  return { durationSeconds: count * 4, language: 'en', task: 'transcribe', segments }
}
