// The transcript's speakers on the job page: each with its colour and talk time; rename once
// (every segment follows), merge into another, "Remember this voice" (its embedding saved under
// the name, for later jobs), and a filter that lists one speaker's segments only. Renames and
// merges are edits like text edits: saved, undoable, in every export and file on disk.
import { useEffect, useState } from 'react'
import type { Speaker } from '@shared/transcript'
import type { HeardSpeaker } from '@shared/voices'
import { clockText } from '@shared/clockText'
import { mergeSpeakers, renameSpeaker, talkTimes, type TalkTime } from '@shared/speakerEdits'
import { editTranscript, useTranscriptStore } from '../../store/transcriptStore'
import { openSpeakerView, showOnlySpeaker, useSpeakerView } from '../../store/speakerViewStore'
import { speakerColour } from '../../lib/speakerColour'
import { getApi } from '../../transport/getApi'
import { SpeakerName } from './SpeakerName'
import { RememberVoice } from './RememberVoice'

export function SpeakerPanel({ jobId }: { jobId: number }): React.JSX.Element | null {
  const transcript = useTranscriptStore((s) => s.transcript)
  const only = useSpeakerView((s) => (s.jobId === jobId ? s.only : null))
  const [heard, setHeard] = useState<HeardSpeaker[]>([])
  useEffect(() => {
    openSpeakerView(jobId)
    let live = true
    getApi()
      .voices.heard({ id: jobId })
      .then((h) => live && setHeard(h))
      .catch(() => live && setHeard([]))
    return () => {
      live = false
    }
  }, [jobId])
  const speakers = transcript?.speakers ?? []
  if (!transcript || speakers.length === 0) return null
  const times = talkTimes(transcript)
  const total = times.reduce((sum, t) => sum + t.seconds, 0)
  return (
    <section className="speaker-panel" aria-labelledby="speakers-heading" data-testid="speakers">
      <div className="speaker-panel-head">
        <h3 id="speakers-heading">Speakers</h3>
        <label className="speaker-filter">
          Show{' '}
          <select
            value={only ?? ''}
            onChange={(e) => showOnlySpeaker(e.target.value || null)}
            data-testid="speaker-filter"
          >
            <option value="">all speakers</option>
            {speakers.map((s) => (
              <option key={s.id} value={s.id}>
                only {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ul className="speaker-list">
        {times.map((t) => (
          <SpeakerRow
            key={t.speaker.id}
            jobId={jobId}
            time={t}
            share={total > 0 ? t.seconds / total : 0}
            speakers={speakers}
            canRemember={heard.some((h) => h.speakerId === t.speaker.id)}
          />
        ))}
      </ul>
    </section>
  )
}

interface RowProps {
  jobId: number
  time: TalkTime
  share: number
  speakers: Speaker[]
  canRemember: boolean
}

function SpeakerRow({ jobId, time, share, speakers, canRemember }: RowProps): React.JSX.Element {
  const { speaker } = time
  const edit = (change: (t: NonNullable<ReturnType<typeof current>>) => void): void => {
    const t = current()
    if (t) change(t)
  }
  return (
    <li className="speaker-row" data-testid={`speaker-row-${speaker.id}`}>
      <span
        className="speaker-dot"
        style={{ background: speakerColour(speakers, speaker.id) }}
        aria-hidden="true"
      />
      <SpeakerName
        speaker={speaker}
        colour={speakerColour(speakers, speaker.id)}
        onRename={(name) => edit((t) => editTranscript(renameSpeaker(t, speaker.id, name)))}
      />
      <span className="speaker-talk muted" data-testid={`speaker-talk-${speaker.id}`}>
        {clockText(time.seconds)} · {Math.round(share * 100)} % · {time.segments}{' '}
        {time.segments === 1 ? 'segment' : 'segments'}
      </span>
      <span className="spacer" />
      {speakers.length > 1 && (
        <select
          value=""
          aria-label={`Merge ${speaker.name} into another speaker`}
          data-testid={`speaker-merge-${speaker.id}`}
          onChange={(e) =>
            e.target.value &&
            edit((t) => editTranscript(mergeSpeakers(t, speaker.id, e.target.value)))
          }
        >
          <option value="">Merge into…</option>
          {speakers
            .filter((s) => s.id !== speaker.id)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </select>
      )}
      {canRemember && <RememberVoice jobId={jobId} speaker={speaker} />}
    </li>
  )
}

const current = () => useTranscriptStore.getState().transcript
