// "Remember this voice": a speaker's voice saved under its name, so later jobs give the same voice
// that name. A voice saved under that name already is replaced only after the user says so: its
// embedding is all that tells it apart, and it cannot be brought back.
import { useState } from 'react'
import type { Speaker } from '@shared/transcript'
import { sameVoiceName, type Voice } from '@shared/voices'
import { oneLineError } from '@shared/errors'
import { getApi } from '../../transport/getApi'
import { ConfirmDialog } from '../ConfirmDialog'

export function RememberVoice(props: { jobId: number; speaker: Speaker }): React.JSX.Element {
  const { jobId, speaker } = props
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null)
  const [replacing, setReplacing] = useState<Voice | null>(null)
  const failed = (err: unknown): void => setState({ ok: false, text: oneLineError(err) })
  const remember = async (): Promise<void> => {
    try {
      const voice = await getApi().voices.remember({
        jobId,
        speakerId: speaker.id,
        name: speaker.name
      })
      setState({ ok: true, text: `Remembered as “${voice.name}”` })
    } catch (err) {
      failed(err)
    }
  }
  const ask = async (): Promise<void> => {
    try {
      const saved = (await getApi().voices.list({})).find((v) =>
        sameVoiceName(v.name, speaker.name)
      )
      if (saved) setReplacing(saved)
      else await remember()
    } catch (err) {
      failed(err)
    }
  }
  return (
    <>
      <button
        onClick={() => void ask()}
        data-testid={`speaker-remember-${speaker.id}`}
        title="Save this voice under its name: later jobs give the same voice this name"
      >
        Remember this voice
      </button>
      {state && (
        <span
          className={state.ok ? 'muted small' : 'reason'}
          role="status"
          data-testid={`speaker-remembered-${speaker.id}`}
        >
          {state.text}
        </span>
      )}
      {replacing && (
        <ConfirmDialog
          title={`Replace the saved voice “${replacing.name}”?`}
          message={`A voice is saved under this name already. Later jobs will give “${replacing.name}” to this speaker's voice instead; the saved one is forgotten.`}
          confirmLabel="Replace"
          onCancel={() => setReplacing(null)}
          onConfirm={() => {
            setReplacing(null)
            void remember()
          }}
        />
      )}
    </>
  )
}
