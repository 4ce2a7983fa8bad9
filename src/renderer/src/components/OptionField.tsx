// A plain input of the per-job options form: a number or a text option, labelled, with its
// error or hint (see OptionFields), and what each input needs of that form.
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

type NumberOption = 'processes' | 'workers' | 'chunkSeconds' | 'overlapSeconds'
type TextOption = 'model' | 'outputDir'

const isNumberOption = (name: NumberOption | TextOption): name is NumberOption =>
  name !== 'model' && name !== 'outputDir'

/** A number or text option: its input, labelled, with its error or hint. */
export function OptionField(props: {
  form: OptionsForm
  name: NumberOption | TextOption
  label: string
  hint: string
  /** Text options only: a datalist to suggest from, a placeholder. */
  input?: { list?: string; placeholder?: string }
  /** Shown after the input, inside the field (the datalist of suggestions). */
  children?: React.ReactNode
}): React.JSX.Element {
  const { form, name } = props
  const id = form.id(name)
  const error = form.errors[name]
  return (
    <Field id={id} label={props.label} error={error} hint={props.hint}>
      {isNumberOption(name) ? (
        <input
          id={id}
          type="number"
          value={Number.isNaN(form.value[name]) ? '' : form.value[name]}
          onChange={(e) => form.set(name, parseNumberInput(e.target.value))}
          aria-invalid={error ? true : undefined}
        />
      ) : (
        <input
          id={id}
          {...props.input}
          value={form.value[name]}
          onChange={(e) => form.set(name, e.target.value)}
        />
      )}
      {props.children}
    </Field>
  )
}
