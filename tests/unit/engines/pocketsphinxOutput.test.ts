import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  continuousReachedSeconds,
  parseContinuousTimes,
  parseSingleJson,
  singleReachedSeconds
} from '../../../src/main/engines/pocketsphinxOutput'
import { pocketsphinxArgs } from '../../../src/main/engines/pocketsphinx'

const fixture = (name: string): string =>
  readFileSync(resolve(__dirname, '../../fixtures', name), 'utf8')
const EXPECTED =
  'he was not an illness those young man he might even have been made the amiable himself'

describe('parseContinuousTimes (pocketsphinx_continuous -time yes, captured from Debian 0.8+5prealpha)', () => {
  it('returns the spoken words with absolute times, without fillers or pronunciation variants', () => {
    const words = parseContinuousTimes(fixture('pocketsphinx-continuous-time.txt'))
    expect(words.map((w) => w.word).join(' ')).toBe(EXPECTED)
    expect(words[0]).toEqual({ word: 'he', start: 0.21, end: 0.32, probability: 0.998701 })
    expect(words[1].word).toBe('was') // was(2)
    expect(words.at(-1)).toEqual({ word: 'himself', start: 7.27, end: 8, probability: 0.836172 })
    expect(words.every((w) => w.end >= w.start)).toBe(true)
  })

  it('keeps each word posterior as its probability, held to 0–1 (rounding can pass 1)', () => {
    const words = parseContinuousTimes('and 0.050 0.160 0.032758\nthat 3.290 3.730 1.000300\n')
    expect(words.map((w) => w.probability)).toEqual([0.032758, 1])
  })

  it('ignores hypothesis lines, log noise and empty output', () => {
    expect(parseContinuousTimes('')).toEqual([])
    expect(parseContinuousTimes('hello world\nINFO: something 1 2 3\n')).toEqual([])
  })
})

describe('parseSingleJson (pocketsphinx 5 `single` JSON lines)', () => {
  it('reads words from each utterance object', () => {
    const words = parseSingleJson(fixture('pocketsphinx5-single.jsonl'))
    expect(words.map((w) => w.word).join(' ')).toBe(EXPECTED)
    expect(words[0]).toEqual({ word: 'he', start: 0.21, end: 0.32, probability: 0.999 })
    expect(words.at(-1)?.end).toBeCloseTo(8.0, 5)
    // The doubtful ones of the fixture ("those young", p 0.056 and 0.051) keep their low scores.
    expect(words.filter((w) => (w.probability ?? 1) < 0.1).map((w) => w.word)).toEqual([
      'those',
      'young'
    ])
  })

  it('skips lines that are not JSON', () => {
    expect(parseSingleJson('garbage\n{not json\n')).toEqual([])
  })
})

describe('how far into the audio the decoder got (its only progress)', () => {
  const reachedIn = (text: string, reached: (line: string) => number | null): number[] =>
    text.split('\n').flatMap((line) => {
      const seconds = reached(line)
      return seconds === null ? [] : [seconds]
    })

  it('-time yes: each utterance’s end (its `</s>` line), not its words', () => {
    const times = reachedIn(fixture('pocketsphinx-continuous-time.txt'), continuousReachedSeconds)
    expect(times).toEqual([3.09, 8.27]) // `</s> 2.800 3.090 …`, `</s> 8.010 8.270 …`
    expect(continuousReachedSeconds('himself 7.270 8.000 0.836172')).toBeNull()
    expect(continuousReachedSeconds('<sil> 9.180 9.200 0.666079')).toBeNull()
  })

  it('single: each utterance’s begin plus duration', () => {
    const times = reachedIn(fixture('pocketsphinx5-single.jsonl'), singleReachedSeconds)
    expect(times.length).toBeGreaterThan(0)
    expect(times).toEqual([2.79, 8.27].map((t) => expect.closeTo(t, 5)))
  })

  it('nothing from hypothesis lines, log noise, or JSON without times', () => {
    for (const line of ['he was not', 'INFO: something 1 2 3', '', '{not json', '{"t":"x"}'])
      expect([continuousReachedSeconds(line), singleReachedSeconds(line)]).toEqual([null, null])
  })
})

describe('pocketsphinxArgs', () => {
  it('passes the file as an argument value, never through a shell', () => {
    const path = '/tmp/-weird $(touch x) "q".wav'
    // The default model's run may add `-dict` with its cut dictionary (pocketsphinxLmWords.ts).
    expect(pocketsphinxArgs('continuous', path, '').slice(0, 4)).toEqual([
      '-infile',
      path,
      '-time',
      'yes'
    ])
    expect(pocketsphinxArgs('single', path, '')).toEqual(['single', path])
  })
})
