// "Next doubtful" (N) and "previous doubtful" (Shift+N) on the job page, when the user is not
// typing. Neither clashes with the player's keys (usePlayerShortcuts.ts: Space K J L arrows < > /
// Ctrl+Z, Alt+K/J/L).
import { useEffect } from 'react'
import type { DoubtfulWord } from '@shared/doubtfulWords'
import { walkDoubtful } from '../store/doubtfulStore'
import { isTyping } from './usePlayerShortcuts'

export const DOUBTFUL_KEYS = { next: 'N', previous: 'Shift+N' } as const

export function useDoubtfulKeys(words: readonly DoubtfulWord[]): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return
      if (document.querySelector('[aria-modal="true"]') || isTyping(e.target)) return
      if (e.key.toLowerCase() !== 'n') return
      e.preventDefault()
      walkDoubtful(words, e.shiftKey ? -1 : 1)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [words])
}
