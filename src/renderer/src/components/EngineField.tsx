// The engine picker of the per-job options: every engine the host knows, those not installed
// marked, and the reason one is unavailable as the hint (in the app's words: whisper without a
// model points at the buttons that fix it, not at a command).
import type { EngineInfo, JobOptions } from '@shared/domain'
import { Field } from './Field'
import type { OptionsForm } from './OptionField'

/** whisper itself is there; only a model is missing (the Model box offers one). */
const noModelYet = (e: EngineInfo): boolean => e.name === 'whisper' && e.models.length === 0

function engineHint(engine: EngineInfo): string {
  return noModelYet(engine)
    ? 'no whisper model yet: choose Download in the Model box, or Import in Settings → Whisper models'
    : engine.detail
}

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
      hint={engine && !engine.available ? engineHint(engine) : undefined}
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
            {e.available ? '' : noModelYet(e) ? ' (no model yet)' : ' (not installed)'}
          </option>
        ))}
      </select>
    </Field>
  )
}
