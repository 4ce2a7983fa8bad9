// Keyboard shortcuts of the job page's player. Plain keys work when the user is not typing
// (Space/K play-pause, J/← back 5 s, L/→ forward 5 s, </> speed, Ctrl+Z undo an edit, / find);
// Alt+K, Alt+J, Alt+L work everywhere, also while correcting a segment.
import { useEffect } from 'react'
import { SKIP_SECONDS, skip, stepRate, togglePlay } from '../store/playbackStore'
import { undoEdit } from '../store/transcriptStore'

export const SHORTCUT_HINT =
  'Space or K play/pause · J/← and L/→ jump 5 s · < > speed · Alt+K/J/L while typing · / find · Ctrl+Z undo'

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && target.type !== 'range' && target.type !== 'checkbox')
  )
}

function playerAction(key: string, typing: boolean, onTarget: string): (() => void) | null {
  switch (key.toLowerCase()) {
    case 'k':
      return togglePlay
    case ' ':
      // Space on a button presses it; elsewhere it plays/pauses.
      return typing || onTarget === 'BUTTON' ? null : togglePlay
    case 'j':
    case 'arrowleft':
      return () => skip(-SKIP_SECONDS)
    case 'l':
    case 'arrowright':
      return () => skip(SKIP_SECONDS)
    case '<':
      return () => stepRate(-1)
    case '>':
      return () => stepRate(1)
    default:
      return null
  }
}

export function usePlayerShortcuts(focusFind: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.metaKey) return
      // A dialog is open: its keys are its own.
      if (document.querySelector('[aria-modal="true"]')) return
      const typing = isTyping(e.target)
      const tag = e.target instanceof HTMLElement ? e.target.tagName : ''
      if (e.altKey && !e.ctrlKey) {
        const action = ['k', 'j', 'l'].includes(e.key.toLowerCase())
          ? playerAction(e.key, false, '')
          : null
        if (action) {
          e.preventDefault()
          action()
        }
        return
      }
      if (typing) return
      if (e.ctrlKey) {
        if (e.key.toLowerCase() === 'z') {
          e.preventDefault()
          undoEdit()
        }
        return
      }
      if (e.key === '/') {
        e.preventDefault()
        focusFind()
        return
      }
      // Arrows on a slider move the slider.
      if (tag === 'INPUT' && e.key.startsWith('Arrow')) return
      const action = playerAction(e.key, typing, tag)
      if (action) {
        e.preventDefault()
        action()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [focusFind])
}
