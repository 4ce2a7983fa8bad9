import { describe, expect, it } from 'vitest'
import type { TimedWord } from '@shared/transcript'
import { planChunks } from '../../../src/main/pipeline/chunking'
import { mergeChunkWords } from '../../../src/main/pipeline/merge'

describe('planChunks', () => {
  it('uses one chunk when the audio fits', () => {
    expect(planChunks(0.2, 30, 2)).toEqual([
      { index: 0, start: 0, end: 0.2, ownStart: -Infinity, ownEnd: Infinity }
    ])
  })

  it('overlaps chunks and tiles the timeline with owned ranges', () => {
    const chunks = planChunks(25, 10, 2)
    expect(chunks.map((c) => [c.start, c.end])).toEqual([
      [0, 10],
      [8, 18],
      [16, 25]
    ])
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i].ownStart).toBe(chunks[i - 1].ownEnd)
      expect(chunks[i].start).toBeLessThan(chunks[i - 1].end)
    }
    expect(chunks[0].ownStart).toBe(-Infinity)
    expect(chunks.at(-1)?.ownEnd).toBe(Infinity)
  })

  it('covers the whole duration for many lengths', () => {
    for (const duration of [10.01, 17.9, 18, 18.1, 100, 3600]) {
      const chunks = planChunks(duration, 10, 2)
      expect(chunks.at(-1)?.end).toBe(duration)
      expect(chunks.every((c) => c.end - c.start <= 10 + 1e-9 && c.end > c.start)).toBe(true)
    }
  })
})

/** Simulates engines hearing a known timeline: each chunk reports the words inside it. */
function hear(
  timeline: TimedWord[],
  duration: number,
  chunk: number,
  overlap: number,
  jitter = 0
): TimedWord[] {
  const chunks = planChunks(duration, chunk, overlap)
  return mergeChunkWords(
    chunks.map((c) => ({
      chunk: c,
      words: timeline
        .filter((w) => w.start >= c.start && w.end <= c.end)
        .map((w, i) => ({
          word: w.word,
          start: w.start - c.start + (i % 2 ? jitter : -jitter),
          end: w.end - c.start
        }))
    }))
  )
}

describe('mergeChunkWords', () => {
  const timeline: TimedWord[] = Array.from({ length: 120 }, (_, i) => ({
    word: `w${i}`,
    start: i * 0.5,
    end: i * 0.5 + 0.4
  }))

  it('keeps every word exactly once across seams', () => {
    expect(hear(timeline, 60, 10, 2).map((w) => w.word)).toEqual(timeline.map((w) => w.word))
  })

  it('keeps every word once when chunk times jitter a little', () => {
    expect(hear(timeline, 60, 7, 3, 0.03).map((w) => w.word)).toEqual(timeline.map((w) => w.word))
  })

  it('shifts words to absolute time', () => {
    const merged = hear(timeline, 60, 10, 2)
    expect(merged[100]).toEqual({ word: 'w100', start: 50, end: 50.4 })
  })

  it("keeps each word's probability through the merge", () => {
    const chunk = planChunks(20, 10, 1)[1]
    const merged = mergeChunkWords([
      { chunk, words: [{ word: 'maybe', start: 1, end: 1.5, probability: 0.25 }] }
    ])
    expect(merged).toEqual([
      { word: 'maybe', start: chunk.start + 1, end: chunk.start + 1.5, probability: 0.25 }
    ])
  })

  it('drops a seam duplicate whose midpoints straddle the boundary', () => {
    const [a, b] = planChunks(20, 10, 2) // seam at 9.0
    const merged = mergeChunkWords([
      { chunk: a, words: [{ word: 'seam', start: 8.6, end: 9.3 }] }, // mid 8.95 → chunk a
      { chunk: b, words: [{ word: 'Seam', start: 8.75 - 8, end: 9.4 - 8 }] } // mid 9.075 → chunk b
    ])
    expect(merged.map((w) => w.word)).toEqual(['seam'])
  })

  it('returns nothing for silence', () => {
    expect(mergeChunkWords(planChunks(30, 10, 2).map((chunk) => ({ chunk, words: [] })))).toEqual(
      []
    )
  })
})
