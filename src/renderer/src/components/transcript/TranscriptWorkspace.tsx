// A finished job's page opens here: the recording, the transcript following it, find, editing
// with undo and autosave, and export.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { JobRow } from '@shared/domain'
import { TRANSCRIPT_CHANGED_ELSEWHERE } from '@shared/transcript'
import {
  closeTranscript,
  loadLatest,
  openTranscript,
  revertToOriginal,
  undoEdit,
  useTranscriptStore
} from '../../store/transcriptStore'
import { findMatches } from '../../lib/transcriptFind'
import { SHORTCUT_HINT, usePlayerShortcuts } from '../../hooks/usePlayerShortcuts'
import { MediaPlayer } from './MediaPlayer'
import { SegmentList } from './SegmentList'
import { TranscriptFind } from './TranscriptFind'
import { ExportBar } from './ExportBar'
import { SpeakerPanel } from '../speakers/SpeakerPanel'
import { DoubtfulBar } from './DoubtfulBar'
import { useDoubtfulBelow } from './DoubtfulText'
import { doubtfulWords } from '@shared/doubtfulWords'
import { resetDoubtfulWalk } from '../../store/doubtfulStore'
import { PassageRedoBar } from './PassageRedo'
import { resetPassage } from '../../store/passageStore'

export function TranscriptWorkspace({ row }: { row: JobRow }): React.JSX.Element {
  const { status, error, transcript } = useTranscriptStore()
  const [query, setQuery] = useState('')
  const [current, setCurrent] = useState(0)
  const findRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    void openTranscript(row.id)
    resetDoubtfulWalk()
    resetPassage()
    return () => closeTranscript()
  }, [row.id])

  const focusFind = useCallback(() => findRef.current?.focus(), [])
  usePlayerShortcuts(focusFind)

  const matches = useMemo(
    () => (transcript ? findMatches(transcript.segments, query) : []),
    [transcript, query]
  )
  const below = useDoubtfulBelow()
  const doubtful = useMemo(
    () => (transcript ? doubtfulWords(transcript, below) : []),
    [transcript, below]
  )
  const at = matches.length === 0 ? 0 : Math.min(current, matches.length - 1)
  const move = (delta: 1 | -1): void => {
    if (matches.length === 0) return
    setCurrent((at + delta + matches.length) % matches.length)
  }

  return (
    <section className="transcript-workspace" aria-labelledby="transcript-heading">
      <div className="workspace-head">
        <h2 id="transcript-heading">Transcript</h2>
        <SaveState />
        <span className="spacer" />
        <ExportBar filename={row.filename} />
      </div>
      <MediaPlayer jobId={row.id} filename={row.filename} />
      <p className="muted small shortcut-hint">{SHORTCUT_HINT}</p>
      {status === 'loading' && <p className="muted">Loading transcript…</p>}
      {status === 'missing' && (
        <p className="muted">
          This job has no transcript (its files may have been removed before it was stored).
        </p>
      )}
      {status === 'error' && <p className="reason">Could not read the transcript: {error}</p>}
      {status === 'ready' && (
        <>
          <div className="transcript-tools">
            <TranscriptFind
              query={query}
              onQuery={(q) => {
                setQuery(q)
                setCurrent(0)
              }}
              count={matches.length}
              current={at}
              onMove={move}
              inputRef={findRef}
            />
            <EditButtons />
          </div>
          <SpeakerPanel jobId={row.id} />
          {transcript && <DoubtfulBar words={doubtful} transcript={transcript} />}
          <PassageRedoBar />
          <SegmentList find={{ matches, current: at }} />
        </>
      )}
    </section>
  )
}

function EditButtons(): React.JSX.Element {
  const canUndo = useTranscriptStore((s) => s.undo.length > 0)
  const edited = useTranscriptStore((s) => s.editedAt !== null)
  return (
    <div className="edit-buttons">
      <button onClick={undoEdit} disabled={!canUndo} data-testid="undo-edit">
        Undo
      </button>
      <button
        onClick={() => void revertToOriginal()}
        disabled={!edited}
        data-testid="revert-transcript"
      >
        Back to the engine's text
      </button>
    </div>
  )
}

function SaveState(): React.JSX.Element {
  const save = useTranscriptStore((s) => s.save)
  const saveError = useTranscriptStore((s) => s.saveError)
  const editedAt = useTranscriptStore((s) => s.editedAt)
  const files = useTranscriptStore((s) => s.files)
  const jobId = useTranscriptStore((s) => s.jobId)
  let text: string
  if (save === 'failed') text = `Not saved: ${saveError ?? 'unknown error'}`
  else if (save === 'pending' || save === 'saving') text = 'Saving…'
  else if (editedAt !== null) text = `Edited · saved ${new Date(editedAt).toLocaleTimeString()}`
  else text = "The engine's text, not edited"
  if (save === 'saved' && files && files.updated.length > 0) text += ' · files updated'
  return (
    <>
      <span
        className={`save-state save-${save}`}
        data-testid="transcript-save-state"
        data-state={save}
        role="status"
      >
        {text}
      </span>
      {save === 'failed' && saveError === TRANSCRIPT_CHANGED_ELSEWHERE && jobId !== null && (
        <button onClick={() => void loadLatest(jobId)} data-testid="transcript-load-latest">
          Show the newer version (drops the edit not saved here)
        </button>
      )}
      {files?.left.map((f) => (
        <span key={f.path} className="reason" data-testid="transcript-file-left" title={f.path}>
          {baseName(f.path)} left as it is: {f.why}
        </span>
      ))}
    </>
  )
}

/** The file name of a path, whichever separator the host's OS uses. */
const baseName = (path: string): string => path.split(/[/\\]/).pop() ?? path
