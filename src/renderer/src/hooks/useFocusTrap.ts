// A modal keeps keyboard focus inside itself: Tab and Shift+Tab cycle through its controls, Esc
// answers with the safe choice, and focus goes back where it was when the modal closes.
import { useEffect, useRef } from 'react'

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export function useFocusTrap<T extends HTMLElement>(
  onEscape: () => void
): React.RefObject<T | null> {
  const ref = useRef<T>(null)
  const escape = useRef(onEscape)
  escape.current = onEscape
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const box = ref.current
    const items = (): HTMLElement[] =>
      box ? Array.from(box.querySelectorAll<HTMLElement>(FOCUSABLE)) : []
    const first = box?.querySelector<HTMLElement>('[data-autofocus]') ?? items().at(0)
    first?.focus()
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault()
        escape.current()
        return
      }
      if (e.key !== 'Tab') return
      const list = items()
      if (list.length === 0) return
      const at = list.indexOf(document.activeElement as HTMLElement)
      const next = e.shiftKey
        ? at <= 0
          ? list.length - 1
          : at - 1
        : at === -1 || at === list.length - 1
          ? 0
          : at + 1
      e.preventDefault()
      list[next]?.focus()
    }
    document.addEventListener('keydown', onKey, true)
    return () => {
      document.removeEventListener('keydown', onKey, true)
      if (opener?.isConnected) opener.focus()
    }
  }, [])
  return ref
}
