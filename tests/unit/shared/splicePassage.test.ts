import { describe, expect, it } from 'vitest'
import type { Segment, Transcript } from '@shared/transcript'
import { splicePassage } from '../../../src/main/core/transcripts/splicePassage'
import { inRecordingTime } from '../../../src/main/pipeline/passage'

const seg = (
  start: number,
  end: number,
  words: string[],
  extra: Partial<Segment> = {}
): Segment => {
  const step = (end - start) / words.length
  return {
    start,
    end,
    text: words.join(' '),
    words: words.map((word, i) => ({ word, start: start + i * step, end: start + (i + 1) * step })),
    ...extra
  }
}

const transcript: Transcript = {
  durationSeconds: 20,
  language: 'en',
  segments: [seg(0, 3, ['one', 'two']), seg(4, 7, ['three', 'four']), seg(8, 12, ['five', 'six'])]
}

describe('splicePassage', () => {
  it('replaces the segments of the passage with the new ones, the rest exactly as they were', () => {
    const again = [seg(4.2, 6.8, ['THREE', 'FOUR', 'MORE'])]
    const out = splicePassage(transcript, { from: 4, to: 7 }, again)
    expect(out.segments.map((s) => s.text)).toEqual(['one two', 'THREE FOUR MORE', 'five six'])
    expect(out.segments[0]).toBe(transcript.segments[0])
    expect(out.segments[2]).toBe(transcript.segments[2])
    expect(out.language).toBe('en')
  })

  it("drops new words outside the passage (padding) and an empty redo removes the passage's words", () => {
    const again = [seg(2, 8, ['early', 'inside', 'inside2', 'late'])]
    const out = splicePassage(transcript, { from: 4, to: 7 }, again)
    expect(out.segments.map((s) => s.text)).toEqual(['one two', 'inside inside2', 'five six'])
    expect(out.segments[1].start).toBeCloseTo(3.5, 5)
    expect(splicePassage(transcript, { from: 4, to: 7 }, []).segments).toHaveLength(2)
  })
})

describe('inRecordingTime', () => {
  it("moves a passage's words to the recording's times, keeping their confidences", () => {
    const words = [{ word: 'a', start: 0.5, end: 1, probability: 0.3 }]
    expect(inRecordingTime(words, { from: 60, to: 70 })).toEqual([
      { word: 'a', start: 60.5, end: 61, probability: 0.3 }
    ])
    expect(inRecordingTime(words, undefined)).toBe(words)
  })
})
