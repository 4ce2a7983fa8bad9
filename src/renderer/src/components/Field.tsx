// The form primitive every options form uses: a label, its control, and under it either the
// field's error (announced) or its hint.
export function Field(props: {
  id: string
  label: string
  error?: string
  hint?: string
  children: React.ReactNode
}): React.JSX.Element {
  return (
    <div className={props.error ? 'field invalid' : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error ? (
        <span className="field-error" role="alert" data-testid={`error-${props.id}`}>
          {props.error}
        </span>
      ) : (
        props.hint && <span className="field-hint">{props.hint}</span>
      )}
    </div>
  )
}
