// An in-app confirmation (not window.confirm, which blocks the page and cannot be styled or clicked by tests).
import { useEffect, useRef } from 'react'

export function ConfirmDialog(props: {
  title: string
  message: string
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
}): React.JSX.Element {
  const cancelRef = useRef<HTMLButtonElement>(null)
  useEffect(() => cancelRef.current?.focus(), [])
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
        <h2 id="confirm-title">{props.title}</h2>
        <p>{props.message}</p>
        <div className="actions">
          <button ref={cancelRef} onClick={props.onCancel}>
            Cancel
          </button>
          <button className="danger" onClick={props.onConfirm} data-testid="confirm-button">
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  )
}
