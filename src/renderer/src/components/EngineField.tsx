// The engine picker of the per-job options: every engine the host knows, those not installed
// marked, and the reason one is unavailable as the hint.
import type { EngineInfo, JobOptions } from '@shared/domain'
import { Field } from './Field'
import type { OptionsForm } from './OptionField'

export function EngineField(props: {
  form: OptionsForm
  engines: EngineInfo[]
  engine: EngineInfo | undefined
}): React.JSX.Element {
  const { form, engines, engine } = props
  const { value, id } = form
  return (
    <Field
      id={id('engine')}
      label="Engine"
      error={form.errors.engine}
      hint={engine && !engine.available ? engine.detail : undefined}
    >
      <select
        id={id('engine')}
        value={value.engine}
        onChange={(e) => form.set('engine', e.target.value as JobOptions['engine'])}
      >
        {engines.length === 0 && <option value={value.engine}>{value.engine}</option>}
        {engines.map((e) => (
          <option key={e.name} value={e.name}>
            {e.name}
            {e.available ? '' : ' (not installed)'}
          </option>
        ))}
      </select>
    </Field>
  )
}
