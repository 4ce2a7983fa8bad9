// The speaker of one segment, in the speaker's colour: a menu to say someone else said it (the
// segment and its words change speaker; undo takes it back).
import { setSegmentSpeaker } from '@shared/speakerEdits'
import { editTranscript, useTranscriptStore } from '../../store/transcriptStore'
import { speakerColour } from '../../lib/speakerColour'

export function SegmentSpeaker({
  index,
  speaker
}: {
  index: number
  speaker: string | undefined
}): React.JSX.Element | null {
  const speakers = useTranscriptStore((s) => s.transcript?.speakers)
  if (!speakers || speakers.length === 0 || speaker === undefined) return null
  const name = speakers.find((s) => s.id === speaker)?.name ?? speaker
  return (
    <select
      className="segment-speaker"
      tabIndex={-1}
      data-line-stop
      style={{ color: speakerColour(speakers, speaker) }}
      value={speaker}
      aria-label={`Speaker of segment ${index + 1}: ${name}`}
      title="Who says this segment"
      data-testid={`segment-speaker-${index}`}
      onChange={(e) => {
        const { transcript } = useTranscriptStore.getState()
        if (transcript) editTranscript(setSegmentSpeaker(transcript, index, e.target.value))
      }}
    >
      {speakers.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </select>
  )
}
