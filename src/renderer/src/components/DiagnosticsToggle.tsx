// Shows or hides a finished job's diagnostics (see hooks/useDiagnosticsFold); nothing while the
// job runs, when they are always shown.
import type { DiagnosticsFold } from '../hooks/useDiagnosticsFold'

export function DiagnosticsToggle({ fold }: { fold: DiagnosticsFold }): React.JSX.Element | null {
  if (!fold.foldable) return null
  return (
    <button
      className="diagnostics-toggle"
      aria-expanded={fold.open}
      onClick={fold.toggle}
      data-testid="diagnostics-toggle"
    >
      {fold.open ? 'Hide' : 'Show'} diagnostics: processes, metrics and log
    </button>
  )
}
