// Whisper's own options (language, translate), and, when no whisper model is installed, the
// recommended one offered in one click with its live progress.
import type { JobOptions } from '@shared/domain'
import { downloadModel } from '../store/modelActions'
import { useModelsStore } from '../store/modelsStore'
import { DownloadStatus } from './ModelsSection'
import { Field } from './Field'

const LANGUAGES: [string, string][] = [
  ['auto', 'Detect'],
  ['en', 'English'],
  ['de', 'German'],
  ['fr', 'French'],
  ['es', 'Spanish'],
  ['it', 'Italian'],
  ['nl', 'Dutch'],
  ['pt', 'Portuguese'],
  ['pl', 'Polish'],
  ['ru', 'Russian'],
  ['uk', 'Ukrainian'],
  ['zh', 'Chinese'],
  ['ja', 'Japanese']
]

const englishOnly = (model: string): boolean => /\.en(-[\w]+)?(\.bin)?$/.test(model)

export function WhisperFields(props: {
  value: JobOptions
  onChange: (next: JobOptions) => void
  id: (name: string) => string
  errors: Record<string, string>
}): React.JSX.Element {
  const { value, onChange, id } = props
  const language = value.language ?? 'auto'
  const enOnly = englishOnly(value.model || 'base.en')
  const known = LANGUAGES.some(([code]) => code === language)
  return (
    <>
      <Field
        id={id('language')}
        label="Language"
        error={props.errors.language}
        hint={enOnly ? 'this model is English only' : 'Detect works with multilingual models'}
      >
        <select
          id={id('language')}
          value={language}
          onChange={(e) => onChange({ ...value, language: e.target.value })}
        >
          {!known && <option value={language}>{language}</option>}
          {LANGUAGES.map(([code, name]) => (
            <option key={code} value={code} disabled={enOnly && code !== 'auto' && code !== 'en'}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <label className="check field">
        <input
          type="checkbox"
          checked={value.translate === true}
          disabled={enOnly}
          onChange={(e) => onChange({ ...value, translate: e.target.checked })}
        />
        Translate into English
      </label>
    </>
  )
}

/** Shown with whisper chosen and no model installed: the recommended model in one click. */
export function RecommendedModelOffer(): React.JSX.Element | null {
  const listing = useModelsStore((s) => s.listing)
  const progress = useModelsStore((s) => s.progress)
  const recommended = listing?.catalog.find((m) => m.recommended)
  if (!recommended) return null
  const p = recommended.name in progress ? progress[recommended.name] : undefined
  return (
    <div className="model-offer" role="status">
      <span>No whisper model is installed yet. </span>
      {p && p.state !== 'cancelled' && p.state !== 'failed' ? (
        <DownloadStatus p={p} />
      ) : (
        <>
          {p && <DownloadStatus p={p} />}{' '}
          <button
            type="button"
            className="primary"
            onClick={() => void downloadModel(recommended.name)}
          >
            Download {recommended.name} ({recommended.sizeLabel}, recommended)
          </button>
        </>
      )}
    </div>
  )
}
