import { describe, expect, it } from 'vitest'
import { doubtfulCountText, doubtfulWords } from '@shared/doubtfulWords'
import type { Transcript } from '@shared/transcript'

const transcript: Transcript = {
  durationSeconds: 10,
  segments: [
    {
      start: 0,
      end: 2,
      text: 'and then our',
      words: [
        { word: 'and', start: 0, end: 0.5, probability: 0.9 },
        { word: 'then', start: 0.6, end: 1, probability: 0.21 },
        { word: 'our', start: 1.1, end: 2 }
      ]
    },
    {
      start: 3,
      end: 4,
      text: 'thank you thank you',
      doubtful: 'repeats itself',
      words: [
        { word: 'thank', start: 3, end: 3.2, probability: 0.99 },
        { word: 'you', start: 3.2, end: 3.4 },
        { word: 'thank', start: 3.4, end: 3.6 },
        { word: 'you', start: 3.6, end: 4 }
      ]
    },
    {
      start: 5,
      end: 6,
      text: 'corrected by the user',
      words: [{ word: 'wrong', start: 5, end: 6, probability: 0.01 }]
    }
  ]
}

describe('doubtful words', () => {
  it('are the words under the threshold and every word of a doubtful passage, each with why', () => {
    const found = doubtfulWords(transcript, 0.5)
    expect(found.map((d) => [d.segment, d.word, d.why])).toEqual([
      [0, 1, 'confidence 21 %'],
      [1, 0, 'doubtful passage: repeats itself'],
      [1, 1, 'doubtful passage: repeats itself'],
      [1, 2, 'doubtful passage: repeats itself'],
      [1, 3, 'doubtful passage: repeats itself']
    ])
    expect(found[0]).toMatchObject({ start: 0.6, end: 1 })
  })

  it('a word without a confidence is never doubtful by itself; threshold 0 flags none', () => {
    expect(doubtfulWords(transcript, 0).map((d) => d.segment)).toEqual([1, 1, 1, 1])
    expect(doubtfulWords(transcript, 1).filter((d) => d.segment === 0)).toHaveLength(2)
  })

  it('a segment the user corrected counts as checked', () => {
    expect(doubtfulWords(transcript, 0.5).some((d) => d.segment === 2)).toBe(false)
  })

  it('are counted in words', () => {
    expect([0, 1, 4].map(doubtfulCountText)).toEqual([
      'no doubtful words',
      '1 doubtful word',
      '4 doubtful words'
    ])
  })
})
