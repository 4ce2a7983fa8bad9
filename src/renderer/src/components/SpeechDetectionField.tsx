// How a job tells speech from the rest: the Silero model (music, noise and silence are not sent to
// the engine, so it cannot invent words there), the level-based detector (any sound is speech),
// or none. Silero falls back to the level detector, with a line in the job log, when its model is
// not installed (src/main/pipeline/openSpeechDetector.ts).
import { VAD_CHOICES, type VadChoice } from '@shared/domain'
import { Field } from './Field'
import type { OptionsForm } from './OptionField'

const LABELS: Record<VadChoice, string> = {
  silero: 'Silero (recommended)',
  energy: 'Sound level',
  off: 'Off: send everything'
}

const HINTS: Record<VadChoice, string> = {
  silero: 'music, noise and silence are skipped',
  energy: 'silence is skipped; music and noise are sent',
  off: 'every second goes to the engine'
}

export function SpeechDetectionField({ form }: { form: OptionsForm }): React.JSX.Element {
  const id = form.id('vad')
  const value = form.value.vad ?? 'silero'
  return (
    <Field id={id} label="Speech detection" error={form.errors.vad} hint={HINTS[value]}>
      <select id={id} value={value} onChange={(e) => form.set('vad', e.target.value as VadChoice)}>
        {VAD_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {LABELS[choice]}
          </option>
        ))}
      </select>
    </Field>
  )
}
