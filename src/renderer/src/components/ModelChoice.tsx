// The Model box: a choice among the installed models, plus "Download <recommended> (size)" for
// whisper while that model is missing (choosing it starts the download, owned by the app). Other
// models are downloaded or imported in Settings → Whisper models.
import type { EngineInfo } from '@shared/domain'
import { downloadModel } from '../store/modelActions'
import { useModelsStore } from '../store/modelsStore'
import { DOWNLOAD_PREFIX, modelChoices } from '../lib/modelChoices'
import { Field } from './Field'
import type { OptionsForm } from './OptionField'

function hint(engine: EngineInfo | undefined, installed: number): string | undefined {
  if (engine?.name !== 'whisper') return undefined
  return installed === 0
    ? 'no whisper model yet: choose Download here, or Import one in Settings → Whisper models'
    : 'more models: Settings → Whisper models (Download or Import)'
}

export function ModelChoice(props: {
  form: OptionsForm
  engine: EngineInfo | undefined
}): React.JSX.Element {
  const { form, engine } = props
  const listing = useModelsStore((s) => s.listing)
  const choices = modelChoices(engine, form.value.model, listing)
  const id = form.id('model')
  return (
    <Field
      id={id}
      label="Model"
      error={form.errors.model}
      hint={hint(engine, engine?.models.length ?? 0)}
    >
      <select
        id={id}
        value={choices.shown}
        onChange={(e) => {
          const picked = e.target.value
          if (!picked.startsWith(DOWNLOAD_PREFIX)) return form.set('model', picked)
          const name = picked.slice(DOWNLOAD_PREFIX.length)
          form.set('model', name)
          void downloadModel(name)
        }}
      >
        {choices.shown === '' && <option value="">(none installed)</option>}
        {choices.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {choices.download && (
          <option value={DOWNLOAD_PREFIX + choices.download.name}>{choices.download.label}</option>
        )}
      </select>
    </Field>
  )
}
