// Subtitles a viewer can read (issue 24 item 4): what a tester saw were flash cues — the last word
// of a long line alone for 0.07 s, "And Mr." as a 0.45 s cue — and a json whose words kept the
// engine's text after the segment was corrected.
import { describe, expect, it } from 'vitest'
import type { Segment, Transcript } from '@shared/transcript'
import {
  MAX_LINE_CHARS,
  MIN_CUE_SECONDS,
  READING_CPS,
  endsSentence,
  transcriptCues
} from '@shared/subtitleCues'
import { toJson, toSrt } from '@shared/transcriptFormats'

/** A segment spoken at `perWord` seconds a word (each word 90 % of its slot). */
function spoken(text: string, start: number, perWord = 0.3): Segment {
  const words = text.split(' ').map((word, i) => ({
    word,
    start: start + i * perWord,
    end: start + (i + 0.9) * perWord
  }))
  return { start, end: words[words.length - 1].end, text, words }
}

const cueText = (c: { lines: string[] }): string => c.lines.join(' ')

describe('readable subtitle cues', () => {
  it('cuts a long line into even pieces: no one-word tail', () => {
    // 90 characters: two lines of 42 hold all but the last word, which used to flash alone.
    const line =
      'I went down to the harbour early this morning because I wanted to see if he would go there'
    const cues = transcriptCues([spoken(line, 0)])
    expect(cues.length).toBe(2)
    const [a, b] = cues.map((c) => cueText(c).length)
    expect(Math.abs(a - b)).toBeLessThan(12)
    for (const cue of cues) expect(cueText(cue).split(' ').length).toBeGreaterThan(3)
    expect(cues.map(cueText).join(' ')).toBe(line)
  })

  it('cuts a long unpunctuated run (pocketsphinx has no punctuation) evenly, in one pass', () => {
    const words = 'so we went down to the harbour and looked at the boats for a while'.split(' ')
    const text = Array.from({ length: 2000 }, (_, i) => words[i % words.length]).join(' ')
    const cues = transcriptCues([spoken(text, 0, 0.3)])
    const lengths = cues.map((c) => cueText(c).length)
    for (const cue of cues) expect(cue.lines.every((l) => l.length <= MAX_LINE_CHARS)).toBe(true)
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThan(20)
    expect(cues.map(cueText).join(' ')).toBe(text)
  })

  it('does not end a sentence at Mr., Mrs., Dr., St., e.g., i.e. or etc.', () => {
    for (const abbreviation of ['Mr.', 'Mrs.', 'Dr.', 'St.', 'e.g.', 'i.e.', 'etc.', '(Dr.'])
      expect(endsSentence(abbreviation)).toBe(false)
    for (const end of ['there.', 'so?', 'now!', 'said."', 'wait…', 'end.)'])
      expect(endsSentence(end)).toBe(true)
    const cues = transcriptCues([spoken('And Mr. Smith said hello to Dr. Jones on St. James.', 0)])
    expect(cues.map(cueText)).toEqual(['And Mr. Smith said hello to Dr. Jones on St. James.'])
  })

  it('holds every cue at least 0.8 s and at most 20 characters a second where the silence allows', () => {
    const segments = [
      spoken('Yes.', 0, 0.25),
      spoken('Right, and then we drove all the way to the coast and back.', 3, 0.12),
      spoken('Okay. So what happened next?', 8, 0.2)
    ]
    const cues = transcriptCues(segments, 12)
    for (const cue of cues) {
      expect(cue.end - cue.start).toBeGreaterThanOrEqual(MIN_CUE_SECONDS - 1e-9)
      for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(MAX_LINE_CHARS)
    }
    // The fast line (59 characters in 1.4 s) is held into the silence after it.
    const fast = cues.find((c) => cueText(c).startsWith('Right'))!
    expect(cueText(fast).length / (fast.end - fast.start)).toBeLessThanOrEqual(READING_CPS + 1e-9)
    // "Okay." (0.18 s) is joined to the question after it instead of flashing.
    expect(cues.map(cueText)).toContain('Okay. So what happened next?')
    cues.forEach((c, i) => i > 0 && expect(c.start).toBeGreaterThanOrEqual(cues[i - 1].end))
  })

  it('keeps a short cue short when the speech itself is (nothing to join, no silence)', () => {
    const cues = transcriptCues([spoken('Hi.', 0, 0.3)], 0.3)
    expect(cues).toEqual([{ start: 0, end: 0.3, lines: ['Hi.'] }])
  })

  it('srt of a long transcript has no flash cue', () => {
    const text =
      'Well, I think that the committee should meet again next week to go over the figures. ' +
      'And Mr. Brown will bring the report. It is long.'
    const srt = toSrt({ durationSeconds: 30, segments: [spoken(text, 1, 0.28)] })
    const times = [...srt.matchAll(/(\d+):(\d+):(\d+),(\d+) --> (\d+):(\d+):(\d+),(\d+)/g)].map(
      (m) => {
        const n = m.slice(1).map(Number)
        return (
          n[4] * 3600 +
          n[5] * 60 +
          n[6] +
          n[7] / 1000 -
          (n[0] * 3600 + n[1] * 60 + n[2] + n[3] / 1000)
        )
      }
    )
    expect(times.length).toBeGreaterThan(1)
    for (const seconds of times) expect(seconds).toBeGreaterThanOrEqual(MIN_CUE_SECONDS)
    expect(srt).not.toMatch(/\nAnd Mr\.\n/)
  })
})

describe('json words follow an edited segment', () => {
  it('words are the text as corrected; untouched words keep the engine’s times', () => {
    const engine = spoken('the whether is nice today', 2, 0.5)
    const edited: Segment = { ...engine, text: 'the weather is really nice today' }
    const t: Transcript = { durationSeconds: 6, segments: [edited] }
    const words = (
      JSON.parse(toJson(t)) as {
        segments: { words: { word: string; start: number; end: number }[] }[]
      }
    ).segments[0].words
    expect(words.map((w) => w.word)).toEqual(['the', 'weather', 'is', 'really', 'nice', 'today'])
    expect(words[0]).toEqual({ word: 'the', start: 2, end: 2.45 })
    expect(words[5]).toEqual({ word: 'today', start: 4, end: 4.45 })
    for (let i = 1; i < words.length; i++) {
      expect(words[i].start).toBeGreaterThanOrEqual(words[i - 1].end)
      expect(words[i].end).toBeGreaterThanOrEqual(words[i].start)
    }
    // An unedited segment is written as the engine gave it.
    const plain = JSON.parse(toJson({ durationSeconds: 6, segments: [engine] })) as {
      segments: { words: { word: string }[] }[]
    }
    expect(plain.segments[0].words.map((w) => w.word)).toEqual(engine.text.split(' '))
  })
})
