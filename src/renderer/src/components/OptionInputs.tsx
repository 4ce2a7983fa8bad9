// The plain inputs of the per-job options form: a number or a text option, labelled, with its
// error or hint (see OptionFields).
import type { JobOptions } from '@shared/domain'
import { parseNumberInput } from '../lib/formErrors'
import { Field } from './Field'

/** What each option's input needs of the form it is in. */
export interface OptionsForm {
  value: JobOptions
  set: <K extends keyof JobOptions>(key: K, v: JobOptions[K]) => void
  errors: Record<string, string>
  /** The element id of an option's input, unique to this form (`settings-model`). */
  id: (name: string) => string
}

export function OptionNumberField(props: {
  form: OptionsForm
  name: 'processes' | 'workers' | 'chunkSeconds' | 'overlapSeconds'
  label: string
  hint: string
}): React.JSX.Element {
  const { form, name } = props
  const { value, errors, id } = form
  return (
    <Field id={id(name)} label={props.label} error={errors[name]} hint={props.hint}>
      <input
        id={id(name)}
        type="number"
        value={Number.isNaN(value[name]) ? '' : value[name]}
        onChange={(e) => form.set(name, parseNumberInput(e.target.value))}
        aria-invalid={errors[name] ? true : undefined}
      />
    </Field>
  )
}

export function OptionTextField(props: {
  form: OptionsForm
  name: 'model' | 'outputDir'
  label: string
  hint: string
  input?: { list?: string; placeholder?: string }
  /** Shown after the input, inside the field (a datalist of suggestions). */
  children?: React.ReactNode
}): React.JSX.Element {
  const { form, name } = props
  const { value, errors, id } = form
  return (
    <Field id={id(name)} label={props.label} error={errors[name]} hint={props.hint}>
      <input
        id={id(name)}
        {...props.input}
        value={value[name]}
        onChange={(e) => form.set(name, e.target.value)}
      />
      {props.children}
    </Field>
  )
}
