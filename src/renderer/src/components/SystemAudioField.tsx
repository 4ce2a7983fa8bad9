// The Record panel's second input: what the computer plays, mixed with the microphone. Off by
// default; each output's monitor the system lists is offered by name, then the loopback of a
// screen share (lib/systemAudio.ts). While recording it says whether the sound joined.
import type { SystemAudioOption } from '../lib/systemAudioOptions'
import type { RecordingState } from '../store/recordingStore'

export function SystemAudioField({
  options,
  value,
  onChange,
  disabled
}: {
  options: SystemAudioOption[]
  value: string
  onChange: (value: string) => void
  disabled: boolean
}): React.JSX.Element {
  return (
    <label>
      System audio{' '}
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        data-testid="record-system-audio"
      >
        <option value="">Off</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  )
}

const SHOWN: Partial<Record<RecordingState['systemAudio'], string>> = {
  joining: '+ system audio (waiting for it…)',
  on: '+ system audio'
}

/** Beside the level meter: the sound being mixed in, or waited for. */
export function SystemAudioState({
  state
}: {
  state: RecordingState['systemAudio']
}): React.JSX.Element | null {
  const text = SHOWN[state]
  if (!text) return null
  return (
    <span className="record-system-audio" data-testid="record-system-audio-state">
      {text}
    </span>
  )
}

/** Why system audio is not in the recording (the microphone goes on): one line. */
export function SystemAudioLine({ line }: { line: string | null }): React.JSX.Element | null {
  if (!line) return null
  return (
    <p className="record-notice" role="status" data-testid="record-system-audio-line">
      {line}
    </p>
  )
}
