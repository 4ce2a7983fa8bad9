// Settings → Voices: how alike a new job's speaker must sound to a saved voice to take its name
// (cosine similarity of their embeddings; higher = stricter).
import { parseNumberInput } from '../../lib/formErrors'
import { OneSettingSection, type OneSettingProps } from '../OneSettingSection'

export function VoiceMatchSetting(props: OneSettingProps): React.JSX.Element {
  const value = props.draft.voiceMatchThreshold
  return (
    <OneSettingSection
      heading="Voices"
      name="voiceMatchThreshold"
      label="Voice match threshold"
      error={props.error}
      hint="0.30–0.99: a later job's speaker takes a saved voice's name when they sound at least this alike (higher = fewer, surer matches)"
      wide
      input={{
        type: 'number',
        min: 0.3,
        max: 0.99,
        step: 0.01,
        value: Number.isNaN(value) ? '' : value,
        onChange: (e) => props.change({ voiceMatchThreshold: parseNumberInput(e.target.value) })
      }}
    />
  )
}
