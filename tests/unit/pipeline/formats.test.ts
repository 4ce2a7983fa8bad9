import { describe, expect, it } from 'vitest'
import type { Transcript } from '@shared/transcript'
import { toJson, toSrt, toTxt, toVtt } from '../../../src/main/pipeline/formats'
import { groupSegments } from '../../../src/main/pipeline/segments'

const words = [
  { word: 'hello', start: 0.5, end: 0.9 },
  { word: 'world', start: 1.0, end: 1.5 },
  { word: 'again', start: 3661.25, end: 3661.75 }
]
const transcript: Transcript = { durationSeconds: 3662, segments: groupSegments(words) }

describe('groupSegments', () => {
  it('splits at pauses and keeps the words', () => {
    expect(transcript.segments.map((s) => s.text)).toEqual(['hello world', 'again'])
    expect(transcript.segments[1]).toMatchObject({ start: 3661.25, end: 3661.75 })
  })

  it('splits long runs of speech', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      word: 'word',
      start: i * 0.3,
      end: i * 0.3 + 0.25
    }))
    const segments = groupSegments(many)
    expect(segments.length).toBeGreaterThan(1)
    expect(segments.flatMap((s) => s.words)).toHaveLength(40)
    expect(segments.every((s) => s.end - s.start <= 6)).toBe(true)
  })
})

describe('formats', () => {
  it('txt: one line per segment', () => {
    expect(toTxt(transcript)).toBe('hello world\nagain\n')
    expect(toTxt({ durationSeconds: 1, segments: [] })).toBe('')
  })

  it('srt: numbered cues with comma milliseconds', () => {
    expect(toSrt(transcript)).toBe(
      '1\n00:00:00,500 --> 00:00:01,500\nhello world\n\n2\n01:01:01,200 --> 01:01:02,000\nagain\n'
    )
  })

  it('vtt: header and dot milliseconds', () => {
    expect(toVtt(transcript)).toBe(
      'WEBVTT\n\n00:00:00.500 --> 00:00:01.500\nhello world\n\n01:01:01.200 --> 01:01:02.000\nagain\n'
    )
    expect(toVtt({ durationSeconds: 0, segments: [] })).toBe('WEBVTT\n')
  })

  it('vtt: cue text escaped as WebVTT reads it (& < > and so every -->)', () => {
    const text = 'a --> <b> &amp;'
    const words = text.split(' ').map((word, i) => ({ word, start: i, end: i + 1 }))
    expect(toVtt({ durationSeconds: 4, segments: [{ start: 0, end: 4, text, words }] })).toBe(
      'WEBVTT\n\n00:00:00.000 --> 00:00:04.000\na --&gt; &lt;b&gt; &amp;amp;\n'
    )
  })

  it('json: segments with words and times', () => {
    const parsed = JSON.parse(toJson(transcript)) as {
      durationSeconds: number
      segments: Transcript['segments']
    }
    expect(parsed.durationSeconds).toBe(3662)
    expect(parsed.segments[0].words[1]).toEqual({ word: 'world', start: 1, end: 1.5 })
  })

  it("json: a word's probability and a segment's doubt when the transcript has them", () => {
    const words = [{ word: 'maybe', start: 0, end: 1, probability: 0.123456 }]
    const doubtful = { start: 0, end: 1, text: 'maybe', words, doubtful: 'repeats itself' }
    const parsed = JSON.parse(toJson({ durationSeconds: 1, segments: [doubtful] })) as {
      segments: Transcript['segments']
    }
    expect(parsed.segments[0].words[0].probability).toBe(0.123)
    expect(parsed.segments[0].doubtful).toBe('repeats itself')
  })
})
