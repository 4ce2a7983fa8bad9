// An in-app confirmation (not window.confirm, which blocks the page and cannot be styled or clicked
// by tests). It traps focus; Esc cancels.
import { DialogFrame } from './DialogFrame'

export function ConfirmDialog(props: {
  title: string
  message: string
  confirmLabel: string
  cancelLabel?: string
  onConfirm: () => void
  onCancel: () => void
}): React.JSX.Element {
  return (
    <DialogFrame
      role="dialog"
      idPrefix="confirm"
      title={props.title}
      message={props.message}
      onEscape={props.onCancel}
    >
      <button data-autofocus onClick={props.onCancel} data-testid="cancel-button">
        {props.cancelLabel ?? 'Cancel'}
      </button>
      <button className="danger" onClick={props.onConfirm} data-testid="confirm-button">
        {props.confirmLabel}
      </button>
    </DialogFrame>
  )
}
