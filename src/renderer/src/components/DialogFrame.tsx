// The frame every in-app dialog shares: a backdrop, a modal box that traps focus (Esc = onEscape),
// a heading and a message wired to aria-labelledby/-describedby, and a row of action buttons.
import type { ReactNode } from 'react'
import { useFocusTrap } from '../hooks/useFocusTrap'

export function DialogFrame(props: {
  /** 'alertdialog' when the question interrupts something the user did not ask to stop. */
  role: 'dialog' | 'alertdialog'
  /** Prefix of the heading's and message's element ids (`<idPrefix>-title`, `-message`). */
  idPrefix: string
  title: ReactNode
  message: ReactNode
  onEscape: () => void
  testId?: string
  /** The action buttons; the one with data-autofocus gets the focus. */
  children: ReactNode
}): React.JSX.Element {
  const ref = useFocusTrap<HTMLDivElement>(props.onEscape)
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className="dialog"
        role={props.role}
        aria-modal="true"
        aria-labelledby={`${props.idPrefix}-title`}
        aria-describedby={`${props.idPrefix}-message`}
        data-testid={props.testId}
      >
        <h2 id={`${props.idPrefix}-title`}>{props.title}</h2>
        <p id={`${props.idPrefix}-message`}>{props.message}</p>
        <div className="actions">{props.children}</div>
      </div>
    </div>
  )
}
