// The transcript open on the job page: its segments as the user edits them, an undo history,
// and autosave (each change is saved shortly after the user stops typing; the engine's original
// stays on the host, so every edit can be undone or reverted).
import { create } from 'zustand'
import {
  TRANSCRIPT_CHANGED_ELSEWHERE,
  type Transcript,
  type TranscriptDocument,
  type TranscriptFiles
} from '@shared/transcript'
import { changeBetween } from '@shared/transcriptChange'
import { getApi } from '../transport/getApi'
import { oneLineError } from '@shared/errors'

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed'

export interface TranscriptState {
  jobId: number | null
  status: 'idle' | 'loading' | 'missing' | 'error' | 'ready'
  error: string | null
  transcript: Transcript | null
  editedAt: number | null
  /** The version the host has (as loaded or last saved): a save sends the change from it. */
  saved: Transcript | null
  /** The transcripts before each edit (segments and speakers: a speaker edit is undone too). */
  undo: Transcript[]
  save: SaveState
  saveError: string | null
  /** What the last save or revert did to the job's files on disk. */
  files: TranscriptFiles | null
}

export const initialTranscriptState: TranscriptState = {
  jobId: null,
  status: 'idle',
  error: null,
  transcript: null,
  editedAt: null,
  saved: null,
  undo: [],
  save: 'saved',
  saveError: null,
  files: null
}

export const useTranscriptStore = create<TranscriptState>()(() => initialTranscriptState)

/** Saving waits this long after the last change, so typing is not one request per key. */
export const AUTOSAVE_DELAY_MS = 600
const UNDO_LIMIT = 200

let saveTimer: ReturnType<typeof setTimeout> | undefined

function applyDocument(doc: TranscriptDocument): void {
  useTranscriptStore.setState({
    status: 'ready',
    transcript: doc.transcript,
    editedAt: doc.editedAt,
    saved: doc.transcript,
    error: null,
    ...(doc.files && { files: doc.files })
  })
}

/** A newer version made on the host (a passage redo): shown, and the page's on the undo stack. */
export function takeNewerVersion(doc: TranscriptDocument, previous: Transcript): void {
  applyDocument(doc)
  useTranscriptStore.setState((s) => ({
    undo: [...s.undo, previous].slice(-UNDO_LIMIT),
    save: 'saved'
  }))
}

export async function openTranscript(jobId: number): Promise<void> {
  clearTimeout(saveTimer)
  useTranscriptStore.setState({ ...initialTranscriptState, jobId, status: 'loading' })
  try {
    const doc = await getApi().transcripts.get({ id: jobId })
    if (useTranscriptStore.getState().jobId !== jobId) return
    if (doc) applyDocument(doc)
    else useTranscriptStore.setState({ status: 'missing' })
  } catch (err) {
    if (useTranscriptStore.getState().jobId === jobId)
      useTranscriptStore.setState({ status: 'error', error: oneLineError(err) })
  }
}

/** Leaving the page: a pending edit is saved now rather than dropped. */
export function closeTranscript(): void {
  if (useTranscriptStore.getState().save === 'pending') void saveNow()
  clearTimeout(saveTimer)
}

export function editSegment(index: number, text: string): void {
  const { transcript } = useTranscriptStore.getState()
  const segment = transcript?.segments[index]
  if (!transcript || !segment || segment.text === text) return
  const segments = transcript.segments.map((s, i) => (i === index ? { ...s, text } : s))
  editTranscript({ ...transcript, segments })
}

/** Any edit of the open transcript (text, speakers): undoable, saved shortly after. */
export function editTranscript(next: Transcript): void {
  const { transcript, undo } = useTranscriptStore.getState()
  if (!transcript || next === transcript) return
  useTranscriptStore.setState({
    transcript: next,
    undo: [...undo, transcript].slice(-UNDO_LIMIT),
    save: 'pending'
  })
  scheduleSave()
}

export function undoEdit(): void {
  const { transcript, undo } = useTranscriptStore.getState()
  const previous = undo.at(-1)
  if (!transcript || !previous) return
  useTranscriptStore.setState({
    transcript: previous,
    undo: undo.slice(0, -1),
    save: 'pending'
  })
  scheduleSave()
}

let reverting = false

export async function revertToOriginal(): Promise<void> {
  const { jobId, transcript, undo } = useTranscriptStore.getState()
  if (jobId === null || !transcript) return
  clearTimeout(saveTimer)
  reverting = true
  try {
    const doc = await getApi().transcripts.revert({ id: jobId })
    applyDocument(doc)
    useTranscriptStore.setState({
      undo: [...undo, transcript].slice(-UNDO_LIMIT),
      save: 'saved'
    })
  } catch (err) {
    useTranscriptStore.setState({ save: 'failed', saveError: oneLineError(err) })
  } finally {
    reverting = false
  }
}

function scheduleSave(): void {
  clearTimeout(saveTimer)
  saveTimer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS)
}

/** One save at a time: the next is made on the version the previous one returns. */
let saving = false

/**
 * Another window (or host, or a passage redo) saved or reverted this transcript. With nothing
 * waiting to be saved here, its version is shown at once; with an edit waiting, that edit would
 * be refused as made on an older version, so the page says so now and offers the newer one. A
 * save or revert of this page's own in flight is its own news, and is left to its answer.
 */
export function transcriptChangedElsewhere(change: { id: number; editedAt: number | null }): void {
  const s = useTranscriptStore.getState()
  if (s.jobId !== change.id || s.status !== 'ready' || saving || reverting) return
  if (s.editedAt === change.editedAt) return
  if (s.save === 'saved') void loadLatest(change.id)
  else useTranscriptStore.setState({ save: 'failed', saveError: TRANSCRIPT_CHANGED_ELSEWHERE })
}

/** The transcript's current version from the host, in place of this page's (undo starts over). */
export async function loadLatest(jobId: number): Promise<void> {
  clearTimeout(saveTimer)
  try {
    const doc = await getApi().transcripts.get({ id: jobId })
    if (!doc || useTranscriptStore.getState().jobId !== jobId) return
    applyDocument(doc)
    useTranscriptStore.setState({ undo: [], save: 'saved', saveError: null })
  } catch (err) {
    useTranscriptStore.setState({ save: 'failed', saveError: oneLineError(err) })
  }
}

export async function saveNow(): Promise<void> {
  clearTimeout(saveTimer)
  const { jobId, transcript, editedAt, saved } = useTranscriptStore.getState()
  if (jobId === null || !transcript || !saved || saving) return
  useTranscriptStore.setState({ save: 'saving' })
  saving = true
  try {
    const doc = await getApi().transcripts.save({
      id: jobId,
      change: changeBetween(saved, transcript),
      baseEditedAt: editedAt
    })
    const now = useTranscriptStore.getState()
    if (now.jobId !== jobId) return
    // Newer changes made while this save was in flight stay pending (and are saved next).
    const unchanged = now.transcript === transcript
    useTranscriptStore.setState({
      editedAt: doc.editedAt,
      saved: transcript,
      save: unchanged ? 'saved' : 'pending',
      saveError: null,
      files: doc.files
    })
    if (!unchanged) scheduleSave()
  } catch (err) {
    useTranscriptStore.setState({ save: 'failed', saveError: oneLineError(err) })
  } finally {
    saving = false
  }
}
