// The pure parts of the transcript workspace: subtitle cues, find, timing.
import { describe, expect, it } from 'vitest'
import type { Segment } from '@shared/transcript'
import { segmentCues, wrapLines } from '@shared/subtitleCues'
import { toMarkdown, toSrt } from '@shared/transcriptFormats'
import { findMatches, fold } from '../../../src/renderer/src/lib/transcriptFind'
import { segmentAt, wordAt } from '../../../src/renderer/src/lib/transcriptTiming'

function timed(text: string, start = 0, perWord = 0.4): Segment {
  const words = text.split(' ').map((word, i) => ({
    word,
    start: start + i * perWord,
    end: start + i * perWord + perWord * 0.8
  }))
  return { start, end: words[words.length - 1].end, text, words }
}

describe('subtitle cues', () => {
  it('split at sentence ends, each line ≤ 42 characters, at most two lines', () => {
    const text =
      'This is the first sentence of a rather long segment that goes on. And here is a second one! ' +
      'Then a third sentence which is itself far too long to fit into a single subtitle cue at all.'
    const segment = { ...timed('x'), text, start: 0, end: 20, words: [] }
    const cues = segmentCues(segment)
    for (const cue of cues) {
      expect(cue.lines.length).toBeLessThanOrEqual(2)
      for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(42)
    }
    expect(cues.some((c) => c.lines.join(' ').endsWith('goes on.'))).toBe(true)
    expect(cues.some((c) => c.lines.join(' ') === 'And here is a second one!')).toBe(true)
    // Times of edited text are shared out in order over the segment.
    cues.forEach((c, i) => i > 0 && expect(c.start).toBeGreaterThanOrEqual(cues[i - 1].end - 1e-9))
    expect(cues[cues.length - 1].end).toBeCloseTo(20)
  })
  it('unedited text takes its words’ times', () => {
    const segment = timed('one two three. four five')
    const cues = segmentCues(segment)
    expect(cues.map((c) => c.lines.join(' '))).toEqual(['one two three.', 'four five'])
    expect(cues[1].start).toBe(segment.words[3].start)
  })
  it('balances two lines', () => {
    expect(wrapLines('the quick brown fox jumps over the lazy dog and keeps running')).toEqual([
      'the quick brown fox jumps over',
      'the lazy dog and keeps running'
    ])
  })
  it('srt numbers the split cues; markdown has a title and times', () => {
    const t = { durationSeconds: 3, segments: [timed('hello. world. again'), timed('next', 2)] }
    // "hello." alone would flash (0.4 s before "world."): it joins it; each cue held 0.8 s.
    expect(toSrt(t)).toBe(
      '1\n00:00:00,000 --> 00:00:00,800\nhello. world.\n\n2\n00:00:00,800 --> 00:00:01,600\nagain\n\n' +
        '3\n00:00:02,000 --> 00:00:02,800\nnext\n'
    )
    const short = { durationSeconds: 3, segments: [timed('hello. world')] }
    expect(toSrt(short)).toBe('1\n00:00:00,000 --> 00:00:00,800\nhello. world\n')
    expect(toMarkdown(short, 'talk_1.wav')).toBe('# talk\\_1.wav\n\n**[0:00]** hello. world\n')
  })
})

describe('find and timing', () => {
  it('find ignores case and accents, with offsets in the original text', () => {
    expect(fold('Café ÉLAN')).toBe('cafe elan')
    const segments = [timed('Un café au lait'), timed('CAFE noir, cafe')]
    expect(findMatches(segments, 'cafe')).toEqual([
      { segment: 0, start: 3, end: 7 },
      { segment: 1, start: 0, end: 4 },
      { segment: 1, start: 11, end: 15 }
    ])
    expect(findMatches(segments, '  ')).toEqual([])
  })
  it('finds the segment and word being spoken', () => {
    const segments = [timed('a b c', 0), timed('d e', 5)]
    expect(segmentAt(segments, 0.1)).toBe(0)
    expect(segmentAt(segments, 4)).toBe(0)
    expect(segmentAt(segments, 5.5)).toBe(1)
    expect(wordAt(segments[0], 0.45)).toBe(1)
    expect(wordAt(segments[0], 3)).toBe(-1)
  })
})
