// A speaker's name in its colour, renamed in place (Rename, or double-click; Enter saves, Esc
// cancels). The rename is one edit: every segment of the speaker shows the new name.
import { useRef, useState } from 'react'
import type { Speaker } from '@shared/transcript'

export function SpeakerName({
  speaker,
  colour,
  onRename
}: {
  speaker: Speaker
  colour: string
  onRename: (name: string) => void
}): React.JSX.Element {
  const [draft, setDraft] = useState<string | null>(null)
  // Enter closes the input, and its blur must not rename a second time.
  const finished = useRef(false)
  const open = (): void => {
    finished.current = false
    setDraft(speaker.name)
  }
  if (draft === null)
    return (
      <>
        <span
          className="speaker-name"
          style={{ color: colour }}
          onDoubleClick={open}
          data-testid={`speaker-name-${speaker.id}`}
        >
          {speaker.name}
        </span>
        <button
          className="link-button"
          onClick={open}
          aria-label={`Rename ${speaker.name}`}
          data-testid={`speaker-rename-${speaker.id}`}
        >
          Rename
        </button>
      </>
    )
  const finish = (save: boolean): void => {
    if (finished.current) return
    finished.current = true
    const name = draft.replace(/\s+/g, ' ').trim()
    if (save && name && name !== speaker.name) onRename(name.slice(0, 200))
    setDraft(null)
  }
  return (
    <input
      className="speaker-name-input"
      value={draft}
      maxLength={200}
      autoFocus
      aria-label={`New name for ${speaker.name}`}
      data-testid={`speaker-name-input-${speaker.id}`}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault()
          finish(true)
        } else if (e.key === 'Escape') {
          e.preventDefault()
          finish(false)
        }
      }}
    />
  )
}
