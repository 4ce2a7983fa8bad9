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
import { useSpeakerView } from '../../store/speakerViewStore'
import { SegmentSpeaker } from '../speakers/SegmentSpeaker'
import { DoubtfulText } from './DoubtfulText'
import { PassageCheck } from './PassageRedo'
import { moveWithinLine } from '../../lib/lineKeys'

export interface FindView {
  matches: FindMatch[]
  current: number
}

export function SegmentList({ find }: { find: FindView }): React.JSX.Element {
  const segments = useTranscriptStore((s) => s.transcript?.segments ?? [])
  // The filter's speaker, while it still exists (a merge may have removed it).
  const only = useSpeakerView((s) => s.only)
  const listed = useTranscriptStore((s) => s.transcript?.speakers?.some((p) => p.id === only))
  const bySegment = new Map<number, { match: FindMatch; index: number }[]>()
  find.matches.forEach((match, index) => {
    const list = bySegment.get(match.segment) ?? []
    list.push({ match, index })
    bySegment.set(match.segment, list)
  })
  if (segments.length === 0) return <p className="muted">No speech was recognized.</p>
  return (
    <ol className="transcript segments" data-testid="transcript" aria-label="Transcript">
      {segments.map((segment, i) =>
        listed && segment.speaker !== only ? null : (
          <SegmentRow
            key={i}
            index={i}
            segment={segment}
            marks={bySegment.get(i)}
            currentMatch={bySegment.has(i) ? find.current : -1}
          />
        )
      )}
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
  const { textRef, setRefocus } = useFocusBackAfterEdit(editing)
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
      onKeyDown={moveWithinLine}
    >
      <button
        className="timestamp"
        tabIndex={-1}
        data-line-stop
        onClick={() => seekTo(segment.start, true)}
        aria-label={`Play from ${clockText(segment.start)}`}
      >
        {clockText(segment.start)}
      </button>
      <SegmentSpeaker index={index} speaker={segment.speaker} />
      <PassageCheck index={index} start={segment.start} />
      {editing ? (
        <SegmentEditor
          text={segment.text}
          index={index}
          onDone={(text, byKey) => {
            if (text !== null) editSegment(index, text)
            setEditing(false)
            setRefocus(byKey)
          }}
        />
      ) : (
        <span
          ref={textRef}
          data-line-stop
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
          title="Click to play from here · double-click or Enter to correct · ← → for the line's buttons"
        >
          {marks ? (
            <MarkedText text={segment.text} marks={marks} currentMatch={currentMatch} />
          ) : (
            <DoubtfulText segment={segment} word={edited ? -1 : word} index={index} row={rowRef}>
              <SpokenText segment={segment} word={edited ? -1 : word} />
            </DoubtfulText>
          )}
        </span>
      )}
      {edited && !editing && (
        <span className="edited-mark" data-testid={`segment-edited-${index}`}>
          edited
        </span>
      )}
      {!editing && <EditButton start={segment.start} onEdit={() => setEditing(true)} />}
    </li>
  )
})

/** Reached from the line's text with → (one Tab stop per line: src/renderer/src/lib/lineKeys.ts). */
function EditButton({ start, onEdit }: { start: number; onEdit: () => void }): React.JSX.Element {
  return (
    <button
      className="segment-edit link-button"
      tabIndex={-1}
      data-line-stop
      onClick={onEdit}
      aria-label={`Edit the segment at ${clockText(start)}`}
    >
      Edit
    </button>
  )
}

/** Enter or Esc in the editor gives focus back to the line's text (not to the top of the page). */
function useFocusBackAfterEdit(editing: boolean): {
  textRef: React.RefObject<HTMLSpanElement | null>
  setRefocus: (refocus: boolean) => void
} {
  const textRef = useRef<HTMLSpanElement>(null)
  const [refocus, setRefocus] = useState(false)
  useEffect(() => {
    if (editing || !refocus) return
    textRef.current?.focus()
    setRefocus(false)
  }, [editing, refocus])
  return { textRef, setRefocus }
}

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
  /** `byKey`: ended with Enter or Esc (focus goes back to the line), not by leaving the field. */
  onDone: (text: string | null, byKey: boolean) => void
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
  const finish = (result: string | null, byKey = false): void => {
    if (finished.current) return
    finished.current = true
    onDone(result === null ? null : result.replace(/\s+/g, ' ').trim(), byKey)
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
          finish(value, true)
        } else if (e.key === 'Escape') {
          e.preventDefault()
          finish(null, true)
        }
      }}
      aria-label={`Correct segment ${index + 1}`}
      data-testid={`segment-editor-${index}`}
    />
  )
}
