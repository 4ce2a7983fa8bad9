// A Settings section that holds one setting: its heading, then the setting's labelled input (id
// and test id `settings-NAME`) with its error or hint under it. Downloads, Voices and Transcript
// editor are each one of these; they differ only in the input.
import type { Settings } from '@shared/domain'
import { Field } from './Field'

/** What the Settings form hands a one-setting section. */
export interface OneSettingProps {
  draft: Settings
  error: string | undefined
  change: (next: Partial<Settings>) => void
}

export function OneSettingSection(props: {
  heading: string
  name: keyof Settings
  label: string
  hint: string
  error: string | undefined
  /** The input takes the whole row (a long URL). */
  wide?: boolean
  /** The input's own attributes: type, bounds, value, onChange. */
  input: React.InputHTMLAttributes<HTMLInputElement>
}): React.JSX.Element {
  const id = `settings-${props.name}`
  return (
    <>
      <h2>{props.heading}</h2>
      <div className={props.wide ? 'option-grid one-wide' : 'option-grid'}>
        <Field id={id} label={props.label} error={props.error} hint={props.hint}>
          <input
            id={id}
            {...props.input}
            aria-invalid={props.error ? true : undefined}
            data-testid={id}
          />
        </Field>
      </div>
    </>
  )
}
