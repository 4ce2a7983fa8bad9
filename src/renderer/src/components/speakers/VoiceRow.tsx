// One saved voice: its name (renamed in place), the model it was heard with, when; delete asks
// once more, since the voice cannot be brought back without the job it came from.
import { useState } from 'react'
import type { Voice } from '@shared/voices'

export function VoiceRow({
  voice,
  onRename,
  onDelete
}: {
  voice: Voice
  onRename: (name: string) => Promise<void>
  onDelete: () => Promise<void>
}): React.JSX.Element {
  const [draft, setDraft] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const id = voice.id
  const submit = (): void => {
    const name = (draft ?? '').replace(/\s+/g, ' ').trim()
    setDraft(null)
    if (name && name !== voice.name) void onRename(name)
  }
  return (
    <li className="voice-row" data-testid={`voice-row-${id}`}>
      {draft === null ? (
        <span className="speaker-name" data-testid={`voice-name-${id}`}>
          {voice.name}
        </span>
      ) : (
        <input
          className="speaker-name-input"
          value={draft}
          maxLength={200}
          autoFocus
          aria-label={`New name for the voice ${voice.name}`}
          data-testid={`voice-name-input-${id}`}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              submit()
            } else if (e.key === 'Escape') setDraft(null)
          }}
        />
      )}
      <span className="muted small">
        {voice.model} · saved {new Date(voice.createdAt).toLocaleDateString()}
      </span>
      <span className="spacer" />
      {draft === null ? (
        <button onClick={() => setDraft(voice.name)} data-testid={`voice-rename-${id}`}>
          Rename
        </button>
      ) : (
        <button onClick={submit} data-testid={`voice-rename-save-${id}`}>
          Save name
        </button>
      )}
      {confirming ? (
        <>
          <button
            className="danger"
            onClick={() => void onDelete()}
            data-testid={`voice-delete-confirm-${id}`}
          >
            Delete {voice.name}
          </button>
          <button onClick={() => setConfirming(false)}>Keep</button>
        </>
      ) : (
        <button onClick={() => setConfirming(true)} data-testid={`voice-delete-${id}`}>
          Delete
        </button>
      )}
    </li>
  )
}
