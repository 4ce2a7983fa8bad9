// An in-app confirmation (not window.confirm, which blocks the page and cannot be styled or clicked
// by tests). It traps focus; Esc cancels.
import { useFocusTrap } from '../hooks/useFocusTrap'

export function ConfirmDialog(props: {
  title: string
  message: string
  confirmLabel: string
  cancelLabel?: string
  onConfirm: () => void
  onCancel: () => void
}): React.JSX.Element {
  const ref = useFocusTrap<HTMLDivElement>(props.onCancel)
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-message"
      >
        <h2 id="confirm-title">{props.title}</h2>
        <p id="confirm-message">{props.message}</p>
        <div className="actions">
          <button data-autofocus onClick={props.onCancel} data-testid="cancel-button">
            {props.cancelLabel ?? 'Cancel'}
          </button>
          <button className="danger" onClick={props.onConfirm} data-testid="confirm-button">
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  )
}
