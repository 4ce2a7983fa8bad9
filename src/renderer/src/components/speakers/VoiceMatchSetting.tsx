// Settings → Voices: how alike a new job's speaker must sound to a saved voice to take its name
// (cosine similarity of their embeddings; higher = stricter).
import type { Settings } from '@shared/domain'
import { parseNumberInput } from '../../lib/formErrors'
import { Field } from '../Field'

export function VoiceMatchSetting(props: {
  draft: Settings
  error: string | undefined
  change: (next: Partial<Settings>) => void
}): React.JSX.Element {
  const value = props.draft.voiceMatchThreshold
  return (
    <>
      <h2>Voices</h2>
      <div className="option-grid one-wide">
        <Field
          id="settings-voiceMatchThreshold"
          label="Voice match threshold"
          error={props.error}
          hint="0.30–0.99: a later job's speaker takes a saved voice's name when they sound at least this alike (higher = fewer, surer matches)"
        >
          <input
            id="settings-voiceMatchThreshold"
            type="number"
            min={0.3}
            max={0.99}
            step={0.01}
            value={Number.isNaN(value) ? '' : value}
            onChange={(e) =>
              props.change({ voiceMatchThreshold: parseNumberInput(e.target.value) })
            }
            aria-invalid={props.error ? true : undefined}
            data-testid="settings-voiceMatchThreshold"
          />
        </Field>
      </div>
    </>
  )
}
