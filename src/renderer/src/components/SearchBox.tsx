// A search field as the toolbars use it: labelled for screen readers, reporting each keystroke.
export function SearchBox(props: {
  label: string
  placeholder: string
  value: string
  onChange: (text: string) => void
  testId?: string
}): React.JSX.Element {
  return (
    <input
      type="search"
      aria-label={props.label}
      placeholder={props.placeholder}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      data-testid={props.testId}
    />
  )
}
