// The doubtful word the user walked to with "next/previous doubtful" (src/shared/doubtfulWords.ts
// decides which words are doubtful; the segment list underlines them and marks this one).
import { create } from 'zustand'
import type { DoubtfulWord } from '@shared/doubtfulWords'
import { seekTo } from './playbackStore'

export interface DoubtfulState {
  /** Index into the transcript's doubtful words; -1 = none walked to yet. */
  at: number
  current: DoubtfulWord | null
}

export const initialDoubtfulState: DoubtfulState = { at: -1, current: null }

export const useDoubtfulStore = create<DoubtfulState>()(() => initialDoubtfulState)

export function resetDoubtfulWalk(): void {
  useDoubtfulStore.setState(initialDoubtfulState)
}

/**
 * The next (+1) or previous (-1) doubtful word, wrapping around; the player goes to it, so the
 * user hears it at once with Space.
 */
export function walkDoubtful(words: readonly DoubtfulWord[], direction: 1 | -1): void {
  if (words.length === 0) return
  const { at } = useDoubtfulStore.getState()
  const start = at < 0 ? (direction === 1 ? -1 : 0) : Math.min(at, words.length - 1)
  const next = (start + direction + words.length) % words.length
  const word = words[next]
  useDoubtfulStore.setState({ at: next, current: word })
  // A little before the word: its first sound is not cut.
  seekTo(Math.max(0, word.start - 0.3))
}
