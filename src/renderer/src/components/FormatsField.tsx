// The output formats of a job: one checkbox each, kept in OUTPUT_FORMATS' order.
import { OUTPUT_FORMATS, type OutputFormat } from '@shared/domain'
import type { OptionsForm } from './OptionField'

export function FormatsField({ form }: { form: OptionsForm }): React.JSX.Element {
  const { value, errors } = form
  const toggleFormat = (format: OutputFormat, on: boolean): void =>
    form.set(
      'formats',
      OUTPUT_FORMATS.filter((f) => (f === format ? on : value.formats.includes(f)))
    )
  return (
    <fieldset className="field formats" aria-invalid={errors.formats ? true : undefined}>
      <legend>Formats</legend>
      {OUTPUT_FORMATS.map((f) => (
        <label key={f} className="check">
          <input
            type="checkbox"
            checked={value.formats.includes(f)}
            onChange={(e) => toggleFormat(f, e.target.checked)}
          />
          {f}
        </label>
      ))}
      {errors.formats && (
        <span className="field-error" role="alert">
          {errors.formats}
        </span>
      )}
    </fieldset>
  )
}
