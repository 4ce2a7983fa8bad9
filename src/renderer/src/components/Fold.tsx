// A folded section ("Advanced"): its title and, beside it, the current values in one line, so
// they are seen without opening it. It opens by itself when a field inside is wrong (a red field
// is never hidden) and stays as the user left it otherwise, across visits and reloads.
import { useEffect, useState } from 'react'

const storageKey = (testId: string): string => `transcriptor.fold.${testId}`

function wasOpen(testId: string): boolean {
  try {
    return window.localStorage.getItem(storageKey(testId)) === 'open'
  } catch {
    return false
  }
}

function remember(testId: string, open: boolean): void {
  try {
    window.localStorage.setItem(storageKey(testId), open ? 'open' : 'closed')
  } catch {
    // Storage refused (private window, quota): the fold still works for this visit.
  }
}

export function Fold(props: {
  title: string
  summary: string
  invalid: boolean
  testId: string
  children: React.ReactNode
}): React.JSX.Element {
  const [open, setOpen] = useState(() => props.invalid || wasOpen(props.testId))
  useEffect(() => {
    if (props.invalid) setOpen(true)
  }, [props.invalid])
  return (
    <details
      className="options advanced"
      open={open}
      onToggle={(e) => {
        setOpen(e.currentTarget.open)
        remember(props.testId, e.currentTarget.open)
      }}
      data-testid={props.testId}
    >
      <summary>
        {props.title}{' '}
        <span className="muted" data-testid={`${props.testId}-summary`}>
          {props.summary}
        </span>
      </summary>
      {props.children}
    </details>
  )
}
