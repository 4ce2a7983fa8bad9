// Merging per-chunk words into one timeline. Each word is shifted to absolute time and kept only
// by the chunk that owns its midpoint (see chunking.ts), so a word heard by two overlapping chunks
// appears once and a word at a seam is never dropped. One more guard: an engine can place the
// same word a few milliseconds apart in two chunks so that both midpoints straddle the seam; a
// word identical to the previous kept word whose time span overlaps it is that duplicate.
import type { TimedWord } from '@shared/transcript'
import type { ChunkPlan } from './chunking'

export interface ChunkWords {
  chunk: ChunkPlan
  /** Times relative to chunk.start. */
  words: TimedWord[]
}

function normalized(word: string): string {
  return word.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '')
}

export function mergeChunkWords(results: ChunkWords[]): TimedWord[] {
  const ordered = [...results].sort((a, b) => a.chunk.start - b.chunk.start)
  const merged: TimedWord[] = []
  for (const { chunk, words } of ordered) {
    const owned = words
      .map((w) => ({ ...w, start: w.start + chunk.start, end: w.end + chunk.start }))
      .filter((w) => {
        const mid = (w.start + w.end) / 2
        return mid >= chunk.ownStart && mid < chunk.ownEnd
      })
      .sort((a, b) => a.start - b.start)
    for (const word of owned) {
      const previous = merged.at(-1)
      const sameWord = previous && normalized(previous.word) === normalized(word.word)
      const overlapsInTime = previous && word.start < previous.end
      const fromOtherChunk = previous && previous.start < chunk.ownStart
      if (sameWord && overlapsInTime && fromOtherChunk) continue
      merged.push(word)
    }
  }
  return merged
}
