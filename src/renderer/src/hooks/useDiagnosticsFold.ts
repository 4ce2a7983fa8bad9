// The job's machinery (facts, process table, metrics, log): front and centre while it runs,
// folded under the transcript once it is done. The page keeps its layout; this state only says
// whether the `diagnostics` parts of it are shown (see `.diagnostics-folded` in styles/workspace.css).
import { useState } from 'react'

export interface DiagnosticsFold {
  /** Appended to the page's class: '' while the job runs. */
  className: string
  /** Whether the page offers the toggle (only once the job is done). */
  foldable: boolean
  open: boolean
  toggle: () => void
}

export function useDiagnosticsFold(done: boolean): DiagnosticsFold {
  const [open, setOpen] = useState(false)
  const toggle = (): void => setOpen(!open)
  if (!done) return { className: '', foldable: false, open, toggle }
  return {
    className: open ? ' diagnostics-open' : ' diagnostics-folded',
    foldable: true,
    open,
    toggle
  }
}
