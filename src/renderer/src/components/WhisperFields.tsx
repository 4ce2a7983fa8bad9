// Whisper's own options (language, translate), and, when no whisper model is installed, the
// recommended one offered in one click with its live progress. An English-only model shows
// English (not Detect): that is what it will transcribe.
import type { EngineInfo, JobOptions } from '@shared/domain'
import { isEnglishOnlyModel } from '../lib/modelChoices'
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

export function WhisperFields(props: {
  value: JobOptions
  /** The model the job will use ('' resolved to the installed default). */
  model: string
  onChange: (next: JobOptions) => void
  id: (name: string) => string
  errors: Record<string, string>
}): React.JSX.Element {
  const { value, onChange, id } = props
  const enOnly = isEnglishOnlyModel(props.model)
  const language = enOnly ? 'en' : (value.language ?? 'auto')
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
          disabled={enOnly}
          onChange={(e) => onChange({ ...value, language: e.target.value })}
        >
          {!known && <option value={language}>{language}</option>}
          {LANGUAGES.map(([code, name]) => (
            <option key={code} value={code}>
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

/** pocketsphinx's installed model is American English: said, not offered as a choice. */
export function PocketsphinxLanguage({ id }: { id: (name: string) => string }): React.JSX.Element {
  return (
    <Field id={id('language')} label="Language" hint="pocketsphinx's model is English only">
      <select id={id('language')} value="en" disabled>
        <option value="en">English</option>
      </select>
    </Field>
  )
}

/**
 * Shown with whisper chosen and no model installed, or while the recommended one downloads: the
 * recommended model in one click, with its live progress.
 */
export function RecommendedModelOffer({
  engine
}: {
  engine: EngineInfo | undefined
}): React.JSX.Element | null {
  const listing = useModelsStore((s) => s.listing)
  const progress = useModelsStore((s) => s.progress)
  const recommended = listing?.catalog.find((m) => m.recommended)
  if (!recommended) return null
  const p = recommended.name in progress ? progress[recommended.name] : undefined
  const none = !engine || engine.models.length === 0
  if (!none && (!p || p.state === 'done')) return null
  return (
    <div className="model-offer" role="status">
      {none && <span>No whisper model is installed yet. </span>}
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
