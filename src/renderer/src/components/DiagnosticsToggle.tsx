// Shows or hides a finished job's diagnostics (see hooks/useDiagnosticsFold).
export function DiagnosticsToggle(props: {
  open: boolean
  onToggle: () => void
}): React.JSX.Element {
  return (
    <button
      className="diagnostics-toggle"
      aria-expanded={props.open}
      onClick={props.onToggle}
      data-testid="diagnostics-toggle"
    >
      {props.open ? 'Hide' : 'Show'} diagnostics: processes, metrics and log
    </button>
  )
}
