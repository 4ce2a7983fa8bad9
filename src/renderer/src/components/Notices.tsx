import { useNoticesStore, dismissNotice } from '../store/noticesStore'

export function Notices(): React.JSX.Element | null {
  const notices = useNoticesStore((s) => s.notices)
  if (notices.length === 0) return null
  return (
    <div className="notices">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.kind}`}
          role="status"
          data-testid={`notice-${n.kind}`}
        >
          <span>{n.message}</span>
          <button className="link" aria-label="Dismiss" onClick={() => dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
