import { describe, expect, it } from 'vitest'
import type { TimedWord } from '@shared/transcript'
import { mergeChunkWords } from '../../../src/main/pipeline/merge'
import type { ChunkPlan } from '../../../src/main/pipeline/chunking'
import {
  chunkIsSilent,
  findSilences,
  planSilenceCuts,
  silenceThresholdDb,
  type Silence
} from '../../../src/main/pipeline/silenceCuts'

/** Frame levels (20 ms frames): speech at -20 dBFS except inside the given silences (-70). */
function levels(durationSeconds: number, silences: Silence[]): Float32Array {
  const frames = Math.round(durationSeconds / 0.02)
  return Float32Array.from({ length: frames }, (_, i) => {
    const t = (i + 0.5) * 0.02
    return silences.some((s) => t >= s.start && t < s.end) ? -70 : -20
  })
}

/** Each chunk hears the words wholly inside it (times relative to its start); the merge's words. */
function mergedAsHeard(chunks: ChunkPlan[], timeline: TimedWord[]): string[] {
  return mergeChunkWords(
    chunks.map((c) => ({
      chunk: c,
      words: timeline
        .filter((w) => w.start >= c.start && w.end <= c.end)
        .map((w) => ({ word: w.word, start: w.start - c.start, end: w.end - c.start }))
    }))
  ).map((w) => w.word)
}

/** `count` words of 0.4 s, with a 0.3 s pause after every `every` words. */
function wordsWithPauses(
  count: number,
  every: number
): { timeline: TimedWord[]; pauses: Silence[]; seconds: number } {
  const timeline: TimedWord[] = []
  const pauses: Silence[] = []
  let t = 0
  for (let i = 0; i < count; i++) {
    timeline.push({ word: `w${i}`, start: t, end: t + 0.4 })
    t += 0.4
    if (i % every === every - 1) {
      pauses.push({ start: t, end: t + 0.3 })
      t += 0.3
    }
  }
  return { timeline, pauses, seconds: t }
}

describe('findSilences', () => {
  it('finds quiet runs long enough to be gaps between words', () => {
    const db = levels(10, [
      { start: 2, end: 2.5 },
      { start: 6, end: 6.04 }, // 40 ms: a stop consonant, not a gap
      { start: 9, end: 10 }
    ])
    expect(findSilences({ frameSeconds: 0.02, db })).toEqual([
      { start: 2, end: 2.5 },
      { start: 9, end: 10 }
    ])
  })

  it('never calls loud audio silence, however flat (music)', () => {
    const db = Float32Array.from({ length: 500 }, () => -18)
    expect(silenceThresholdDb(db)).toBeLessThanOrEqual(-30)
    expect(findSilences({ frameSeconds: 0.02, db })).toEqual([])
  })

  it('calls digital silence silence', () => {
    const db = Float32Array.from({ length: 500 }, () => -100)
    expect(findSilences({ frameSeconds: 0.02, db })).toEqual([{ start: 0, end: 10 }])
  })
})

describe('planSilenceCuts', () => {
  it('seams at the middle of the silence before each target, with no overlap', () => {
    const silences = [
      { start: 8.5, end: 9.0 },
      { start: 17.0, end: 17.4 }
    ]
    const plan = planSilenceCuts(25, silences, { chunkSeconds: 10, overlapSeconds: 2 })
    expect(plan.chunks.map((c) => [c.start, c.end])).toEqual([
      [0, 8.75],
      [8.75, 17.2],
      [17.2, 25]
    ])
    expect(plan.silentSeams).toBe(2)
    expect(plan.overlapSeams).toBe(0)
    expect(plan.chunks[0].ownStart).toBe(-Infinity)
    expect(plan.chunks[1].ownStart).toBe(8.75)
    expect(plan.chunks.at(-1)?.ownEnd).toBe(Infinity)
  })

  it('falls back to an overlapping seam where no silence is within the window', () => {
    const plan = planSilenceCuts(25, [{ start: 3, end: 4 }], {
      chunkSeconds: 10,
      overlapSeconds: 2
    })
    expect(plan.chunks.map((c) => [c.start, c.end])).toEqual([
      [0, 10],
      [8, 18],
      [16, 25]
    ])
    expect(plan.overlapSeams).toBe(2)
    expect(plan.chunks[1].ownStart).toBe(9)
    expect(plan.chunks[0].ownEnd).toBe(9)
  })

  it('tiles the timeline, keeps chunks within the limit, for many shapes', () => {
    for (const duration of [0.3, 10, 10.01, 61.7, 3600]) {
      const silences: Silence[] = []
      for (let t = 1.3; t < duration; t += 3.7) silences.push({ start: t, end: t + 0.3 })
      for (const chunkSeconds of [5, 15, 30]) {
        const { chunks } = planSilenceCuts(duration, silences, { chunkSeconds, overlapSeconds: 1 })
        expect(chunks[0].start).toBe(0)
        expect(chunks.at(-1)?.end).toBe(duration)
        for (let i = 0; i < chunks.length; i++) {
          expect(chunks[i].index).toBe(i)
          expect(chunks[i].end - chunks[i].start).toBeLessThanOrEqual(chunkSeconds + 1e-9)
          if (i > 0) expect(chunks[i].ownStart).toBe(chunks[i - 1].ownEnd)
        }
      }
    }
  })

  it('is deterministic: the same silences give the same plan', () => {
    const silences = findSilences({
      frameSeconds: 0.02,
      db: levels(120, [{ start: 14, end: 14.5 }])
    })
    const a = planSilenceCuts(120, silences, { chunkSeconds: 15, overlapSeconds: 2 })
    const b = planSilenceCuts(120, silences, { chunkSeconds: 15, overlapSeconds: 2 })
    expect(a).toEqual(b)
  })

  it('merges words across silent seams without loss or duplicates', () => {
    const { timeline, pauses: silences, seconds: t } = wordsWithPauses(60, 5)
    const { chunks } = planSilenceCuts(t, silences, { chunkSeconds: 5, overlapSeconds: 1 })
    expect(mergedAsHeard(chunks, timeline)).toEqual(timeline.map((w) => w.word))
  })
})

describe('planSilenceCuts: wider window and seam context', () => {
  const silences = [
    { start: 4.0, end: 4.2 }, // a short pause before the 5 s target
    { start: 5.8, end: 6.6 }, // a sentence break past it
    { start: 9.5, end: 9.7 }
  ]

  it('a window past the target seams at the longest pause (the sentence break)', () => {
    const narrow = planSilenceCuts(12, silences, { chunkSeconds: 5, overlapSeconds: 1 })
    expect(narrow.chunks[0].end).toBeCloseTo(4.1)
    const wide = planSilenceCuts(12, silences, {
      chunkSeconds: 5,
      overlapSeconds: 1,
      searchAfterSeconds: 2
    })
    expect(wide.chunks[0].end).toBeCloseTo(6.2)
    expect(wide.silentSeams).toBe(wide.chunks.length - 1)
  })

  it('context widens what a chunk hears at silent seams, never what it owns', () => {
    const plain = planSilenceCuts(12, silences, { chunkSeconds: 5, overlapSeconds: 1 })
    const heard = planSilenceCuts(12, silences, {
      chunkSeconds: 5,
      overlapSeconds: 1,
      contextSeconds: 0.5
    })
    expect(heard.chunks.map((c) => [c.ownStart, c.ownEnd])).toEqual(
      plain.chunks.map((c) => [c.ownStart, c.ownEnd])
    )
    expect(heard.chunks[0].start).toBe(0)
    expect(heard.chunks[0].end).toBeCloseTo(plain.chunks[0].end + 0.5)
    expect(heard.chunks[1].start).toBeCloseTo(plain.chunks[1].start - 0.5)
    expect(heard.chunks.at(-1)?.end).toBe(12)
  })

  it('context at an overlapped seam adds nothing: the overlap is already heard', () => {
    const plan = planSilenceCuts(25, [], { chunkSeconds: 10, overlapSeconds: 2, contextSeconds: 1 })
    expect(plan.chunks.map((c) => [c.start, c.end])).toEqual([
      [0, 10],
      [8, 18],
      [16, 25]
    ])
  })

  it('words heard in the context are kept once, by the chunk that owns them', () => {
    const { timeline, pauses, seconds: t } = wordsWithPauses(40, 4)
    const { chunks } = planSilenceCuts(t, pauses, {
      chunkSeconds: 5,
      overlapSeconds: 1,
      contextSeconds: 1
    })
    expect(mergedAsHeard(chunks, timeline)).toEqual(timeline.map((w) => w.word))
  })
})

describe('chunkIsSilent', () => {
  it('is true only for a chunk wholly inside one silence', () => {
    const silences = [{ start: 10, end: 610 }]
    const { chunks } = planSilenceCuts(700, silences, { chunkSeconds: 30, overlapSeconds: 2 })
    const silent = chunks.filter((c) => chunkIsSilent(c, silences))
    expect(silent.length).toBeGreaterThan(15)
    expect(silent.every((c) => c.start >= 10 && c.end <= 610)).toBe(true)
    expect(chunkIsSilent(chunks[0], silences)).toBe(false)
  })

  it('looks at what the chunk owns: context heard past its edges does not count', () => {
    const chunk = { index: 1, start: 9, end: 21, ownStart: 10, ownEnd: 20 }
    expect(chunkIsSilent(chunk, [{ start: 10, end: 20 }])).toBe(true)
    expect(chunkIsSilent(chunk, [{ start: 10.5, end: 20 }])).toBe(false)
  })
})
