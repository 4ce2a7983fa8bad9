// The job's machinery (facts, process table, metrics, log): front and centre while it runs,
// folded under the transcript once it is done. The page keeps its layout; this toggle only says
// whether the `diagnostics` parts of it are shown (see `.diagnostics-folded` in styles/workspace.css).
import { useState } from 'react'

export function useDiagnosticsFold(done: boolean): {
  className: string
  toggle: React.JSX.Element | null
} {
  const [open, setOpen] = useState(false)
  if (!done) return { className: '', toggle: null }
  return {
    className: open ? ' diagnostics-open' : ' diagnostics-folded',
    toggle: (
      <button
        className="diagnostics-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="diagnostics-toggle"
      >
        {open ? 'Hide' : 'Show'} diagnostics: processes, metrics and log
      </button>
    )
  }
}
