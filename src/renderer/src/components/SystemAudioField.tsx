// The Record panel's second input, what the computer plays mixed with the microphone, while it
// records: whether the sound joined, or why not. Its choices (off by default; each output's
// monitor by name, then the loopback of a screen share) are lib/systemAudioOptions.ts.
import type { RecordingState } from '../store/recordingStore'

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
