// One Tab stop per transcript line: the line's text takes Tab; its other controls (the time, Edit)
// are reached with the arrow keys from there (the roving pattern of a toolbar, per line).
// ← → move within the line, ↑ ↓ to the same place on the line before or after.
const STOPS = '[data-line-stop]'

export function moveWithinLine(e: React.KeyboardEvent<HTMLElement>): void {
  const target = e.target as HTMLElement
  if (target.tagName === 'TEXTAREA' || !target.matches(STOPS)) return
  const line = e.currentTarget
  const stops = [...line.querySelectorAll<HTMLElement>(STOPS)]
  const at = stops.indexOf(target)
  let next: HTMLElement | undefined
  if (e.key === 'ArrowRight') next = stops[at + 1]
  else if (e.key === 'ArrowLeft') next = stops[at - 1]
  else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    const sibling = e.key === 'ArrowDown' ? line.nextElementSibling : line.previousElementSibling
    const there = sibling ? [...sibling.querySelectorAll<HTMLElement>(STOPS)] : []
    next = there[Math.min(at, there.length - 1)]
  }
  if (!next) return
  e.preventDefault()
  next.focus()
}
