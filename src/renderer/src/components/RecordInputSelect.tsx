// One of the Record panel's inputs (the microphone, what the computer plays): its label and a
// select whose first choice is the empty value (the system's default input, or none).
export function RecordInputSelect(props: {
  label: string
  testId: string
  /** What the empty value is called. */
  empty: string
  options: { value: string; label: string }[]
  value: string
  onChange: (value: string) => void
  disabled: boolean
}): React.JSX.Element {
  return (
    <label>
      {props.label}{' '}
      <select
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        disabled={props.disabled}
        data-testid={props.testId}
      >
        <option value="">{props.empty}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  )
}
