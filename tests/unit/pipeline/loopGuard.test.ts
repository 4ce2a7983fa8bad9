import { describe, expect, it } from 'vitest'
import {
  chunkDoubt,
  compressionRatio,
  longestRepeat,
  markDoubtful
} from '../../../src/main/pipeline/loopGuard'
import type { TimedWord } from '@shared/transcript'

const chunk = { index: 0, start: 10, end: 40, ownStart: -Infinity, ownEnd: Infinity }
const timed = (text: string, from = 0, step = 0.3): TimedWord[] =>
  text.split(' ').map((word, i) => ({ word, start: from + i * step, end: from + i * step + 0.25 }))
const SENTENCE =
  'he was not an ill disposed young man unless to be rather cold hearted and rather selfish is to be ill disposed'

describe('loop guard', () => {
  it('finds the longest n-gram repeated back to back', () => {
    expect(longestRepeat('a b c a b c a b c d'.split(' '))).toEqual({ ngram: 'a b c', repeats: 3 })
    expect(longestRepeat('one two three'.split(' '))).toBeNull()
  })

  it('a loop is doubtful; ordinary speech with a stutter is not', () => {
    const loop = timed(`so we began ${'thank you for watching '.repeat(6).trim()}`)
    expect(chunkDoubt(loop, chunk, null)).toMatch(/repeats itself \("thank you for watching" ×6\)/)
    expect(chunkDoubt(timed(SENTENCE), chunk, null)).toBeNull()
    expect(chunkDoubt(timed("i'm i'm i'm going home now"), chunk, null)).toBeNull()
  })

  it('text that compresses like a loop is doubtful (whisper ratio 2.4)', () => {
    const text = 'the end of the chapter and the end of the book and '.repeat(5)
    expect(compressionRatio(text)).toBeGreaterThan(2.4)
    expect(compressionRatio(SENTENCE)).toBeLessThan(2.4)
    expect(chunkDoubt(timed(text.trim()), chunk, null)).toMatch(/compresses/)
  })

  it('words where the VAD heard no speech are doubtful', () => {
    const words = timed('thank you so much for watching', 15, 1)
    expect(chunkDoubt(words, chunk, [{ start: 10, end: 12 }])).toMatch(
      /6 of 6 words where the VAD heard no speech/
    )
    expect(chunkDoubt(words, chunk, [{ start: 24, end: 32 }])).toBeNull()
  })

  it('a hundred thousand words are judged in linear time (seconds, not hours)', () => {
    const started = Date.now()
    expect(chunkDoubt(timed('word '.repeat(100_000).trim(), 0, 0.0001), chunk, null)).toMatch(
      /repeats itself/
    )
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('marks the segments a doubtful chunk owns', () => {
    const segments = [
      { start: 0, end: 5, text: 'a', words: [] },
      { start: 12, end: 14, text: 'b', words: [] }
    ]
    const marked = markDoubtful(segments, [{ start: 10, end: 20, reason: 'repeats itself' }])
    expect(marked.map((s) => s.doubtful)).toEqual([undefined, 'repeats itself'])
  })
})

describe('a doubtful chunk across a resume', () => {
  it('its checkpoint keeps the reason, and a resumed run reads it back', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { saveChunkWords, loadChunkWords } =
      await import('../../../src/main/pipeline/checkpoints')
    const dir = mkdtempSync(join(tmpdir(), 'transcriptor-doubt-'))
    try {
      await saveChunkWords(dir, 0, timed('fine words'))
      await saveChunkWords(dir, 1, timed('thank you thank you'), 'repeats itself')
      const doubts = new Map<number, string>()
      const words = await loadChunkWords(dir, 2, doubts)
      expect([...words.keys()].sort()).toEqual([0, 1])
      expect([...doubts]).toEqual([[1, 'repeats itself']])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
