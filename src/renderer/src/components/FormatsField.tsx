// The output formats of a job: one checkbox each, kept in OUTPUT_FORMATS' order.
import { OUTPUT_FORMATS, type OutputFormat } from '@shared/domain'
import type { OptionsForm } from './OptionField'

/**
 * The output formats as checkboxes, one per format; a change hands back the ticked ones in
 * OUTPUT_FORMATS' order. The job options form and a watch folder's form both use it.
 */
export function FormatChecks(props: {
  formats: readonly OutputFormat[]
  onChange: (next: OutputFormat[]) => void
  error?: string
}): React.JSX.Element {
  const { formats, error } = props
  const toggle = (format: OutputFormat, on: boolean): void =>
    props.onChange(OUTPUT_FORMATS.filter((f) => (f === format ? on : formats.includes(f))))
  return (
    <fieldset className="field formats" aria-invalid={error ? true : undefined}>
      <legend>Formats</legend>
      {OUTPUT_FORMATS.map((f) => (
        <label key={f} className="check">
          <input
            type="checkbox"
            checked={formats.includes(f)}
            onChange={(e) => toggle(f, e.target.checked)}
          />
          {f}
        </label>
      ))}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  )
}

export function FormatsField({ form }: { form: OptionsForm }): React.JSX.Element {
  return (
    <FormatChecks
      formats={form.value.formats}
      onChange={(next) => form.set('formats', next)}
      error={form.errors.formats}
    />
  )
}
