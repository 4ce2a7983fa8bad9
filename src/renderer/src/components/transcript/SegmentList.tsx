// The transcript, segment by segment: the one being spoken is highlighted (and its current word),
// a click on a segment plays from there, and each segment can be corrected in place (Edit, or
// double-click, or Enter on the text; Enter saves, Esc cancels). Find matches are marked.
import { memo, useEffect, useRef, useState } from 'react'
import { clockText } from '@shared/clockText'
import type { Segment } from '@shared/transcript'
import { seekTo, usePlaybackStore } from '../../store/playbackStore'
import { editSegment, useTranscriptStore } from '../../store/transcriptStore'
import { isEditedSegment } from '../../lib/transcriptTiming'
import type { FindMatch } from '../../lib/transcriptFind'

export interface FindView {
  matches: FindMatch[]
  current: number
}

export function SegmentList({ find }: { find: FindView }): React.JSX.Element {
  const segments = useTranscriptStore((s) => s.transcript?.segments ?? [])
  const bySegment = new Map<number, { match: FindMatch; index: number }[]>()
  find.matches.forEach((match, index) => {
    const list = bySegment.get(match.segment) ?? []
    list.push({ match, index })
    bySegment.set(match.segment, list)
  })
  if (segments.length === 0) return <p className="muted">No speech was recognized.</p>
  return (
    <ol className="transcript segments" data-testid="transcript" aria-label="Transcript">
      {segments.map((segment, i) => (
        <SegmentRow
          key={i}
          index={i}
          segment={segment}
          marks={bySegment.get(i)}
          currentMatch={bySegment.has(i) ? find.current : -1}
        />
      ))}
    </ol>
  )
}

interface RowProps {
  index: number
  segment: Segment
  marks: { match: FindMatch; index: number }[] | undefined
  currentMatch: number
}

const SegmentRow = memo(function SegmentRow({
  index,
  segment,
  marks,
  currentMatch
}: RowProps): React.JSX.Element {
  // -2: not this segment; otherwise the word index being spoken (-1 = between words).
  const word = usePlaybackStore((s) => (s.segment === index ? s.word : -2))
  const playing = usePlaybackStore((s) => s.playing)
  const [editing, setEditing] = useState(false)
  const rowRef = useRef<HTMLLIElement>(null)
  const current = word !== -2
  const edited = isEditedSegment(segment)

  useEffect(() => {
    // Follow playback: the spoken segment stays in view (not while the user is editing).
    if (current && playing && !editing) rowRef.current?.scrollIntoView({ block: 'nearest' })
  }, [current, playing, editing])

  return (
    <li
      ref={rowRef}
      className={`segment${current ? ' current' : ''}${edited ? ' edited' : ''}`}
      data-testid={`segment-${index}`}
      data-current={current ? 'true' : undefined}
    >
      <button
        className="timestamp"
        onClick={() => seekTo(segment.start, true)}
        aria-label={`Play from ${clockText(segment.start)}`}
      >
        {clockText(segment.start)}
      </button>
      {editing ? (
        <SegmentEditor
          text={segment.text}
          index={index}
          onDone={(text) => {
            if (text !== null) editSegment(index, text)
            setEditing(false)
          }}
        />
      ) : (
        <span
          className="segment-text"
          onClick={() => seekTo(segment.start)}
          onDoubleClick={() => setEditing(true)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === 'F2') {
              e.preventDefault()
              setEditing(true)
            }
          }}
          tabIndex={0}
          data-testid={`segment-text-${index}`}
          title="Click to play from here · double-click or Enter to correct"
        >
          {marks ? (
            <MarkedText text={segment.text} marks={marks} currentMatch={currentMatch} />
          ) : (
            <SpokenText segment={segment} word={edited ? -1 : word} />
          )}
        </span>
      )}
      {edited && !editing && (
        <span className="edited-mark" data-testid={`segment-edited-${index}`}>
          edited
        </span>
      )}
      {!editing && (
        <button
          className="segment-edit link-button"
          onClick={() => setEditing(true)}
          aria-label={`Edit the segment at ${clockText(segment.start)}`}
        >
          Edit
        </button>
      )}
    </li>
  )
})

function SpokenText({ segment, word }: { segment: Segment; word: number }): React.JSX.Element {
  if (word < 0 || isEditedSegment(segment)) return <>{segment.text}</>
  return (
    <>
      {segment.words.map((w, i) => (
        <span key={i}>
          {i > 0 && ' '}
          <span
            className={i === word ? 'word current-word' : 'word'}
            data-testid={i === word ? 'current-word' : undefined}
          >
            {w.word}
          </span>
        </span>
      ))}
    </>
  )
}

function MarkedText({
  text,
  marks,
  currentMatch
}: {
  text: string
  marks: { match: FindMatch; index: number }[]
  currentMatch: number
}): React.JSX.Element {
  const parts: React.ReactNode[] = []
  let at = 0
  for (const { match, index } of marks) {
    if (match.start > at) parts.push(text.slice(at, match.start))
    const isCurrent = index === currentMatch
    parts.push(
      <mark
        key={index}
        className={isCurrent ? 'find-current' : undefined}
        data-testid={isCurrent ? 'find-current' : 'find-match'}
      >
        {text.slice(match.start, match.end)}
      </mark>
    )
    at = match.end
  }
  parts.push(text.slice(at))
  return <>{parts}</>
}

function SegmentEditor({
  text,
  index,
  onDone
}: {
  text: string
  index: number
  onDone: (text: string | null) => void
}): React.JSX.Element {
  const [value, setValue] = useState(text)
  const ref = useRef<HTMLTextAreaElement>(null)
  const finished = useRef(false)
  useEffect(() => {
    const area = ref.current
    if (!area) return
    area.focus()
    area.setSelectionRange(area.value.length, area.value.length)
  }, [])
  const finish = (result: string | null): void => {
    if (finished.current) return
    finished.current = true
    onDone(result === null ? null : result.replace(/\s+/g, ' ').trim())
  }
  return (
    <textarea
      ref={ref}
      className="segment-editor"
      value={value}
      rows={Math.max(1, Math.ceil(value.length / 70))}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault()
          finish(value)
        } else if (e.key === 'Escape') {
          e.preventDefault()
          finish(null)
        }
      }}
      aria-label={`Correct segment ${index + 1}`}
      data-testid={`segment-editor-${index}`}
    />
  )
}
