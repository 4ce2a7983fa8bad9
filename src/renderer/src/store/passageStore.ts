// "Transcribe again" on the job page: which segments the user selected, and the redo job running
// for them. When that job completes, the transcript (which the host has already changed) is
// reloaded and the previous segments go on the undo stack, so Undo brings them back.
import { create } from 'zustand'
import type { JobRow } from '@shared/domain'
import type { RedoOptions } from '@shared/passageRedo'
import { oneLineError } from '@shared/errors'
import { getApi } from '../transport/getApi'
import { takeNewerVersion, useTranscriptStore } from './transcriptStore'

export interface PassageState {
  /** Indexes of the selected segments. */
  selected: number[]
  /** The redo job started from this page, while the user may still wait for it. */
  redoId: number | null
  /** One line: why the last redo could not start or did not replace the passage. */
  problem: string | null
}

export const initialPassageState: PassageState = { selected: [], redoId: null, problem: null }

export const usePassageStore = create<PassageState>()(() => initialPassageState)

export function resetPassage(): void {
  usePassageStore.setState(initialPassageState)
}

export function toggleSegment(index: number, on: boolean): void {
  const { selected } = usePassageStore.getState()
  const next = on ? [...new Set([...selected, index])] : selected.filter((i) => i !== index)
  usePassageStore.setState({ selected: next.sort((a, b) => a - b), problem: null })
}

/** The stretch the selection covers: from its first segment's start to its last one's end. */
export function selectedPassage(): { from: number; to: number } | null {
  const { selected } = usePassageStore.getState()
  const segments = useTranscriptStore.getState().transcript?.segments ?? []
  if (selected.length === 0) return null
  const first = segments.at(selected[0])
  const last = segments.at(selected[selected.length - 1])
  if (!first || !last) return null
  return { from: first.start, to: Math.max(last.end, first.start + 0.1) }
}

export async function startRedo(options: RedoOptions): Promise<void> {
  const jobId = useTranscriptStore.getState().jobId
  const passage = selectedPassage()
  if (jobId === null || !passage) return
  try {
    const redo = await getApi().jobs.redo({ id: jobId, ...passage, options })
    usePassageStore.setState({ redoId: redo.id, problem: null })
  } catch (err) {
    usePassageStore.setState({ problem: oneLineError(err) })
  }
}

/** The redo job's row changed: on its end, take the new transcript or say why not. */
export async function redoEnded(row: JobRow): Promise<void> {
  if (row.id !== usePassageStore.getState().redoId) return
  usePassageStore.setState({ redoId: null, selected: [] })
  if (row.status !== 'completed') {
    const why = row.error_message ?? row.cancel_reason ?? row.status
    usePassageStore.setState({ problem: `${why}: the passage stays as it was` })
    return
  }
  const { jobId, transcript } = useTranscriptStore.getState()
  if (jobId === null || !transcript) return
  const doc = await getApi().transcripts.get({ id: jobId })
  if (!doc || useTranscriptStore.getState().jobId !== jobId) return
  takeNewerVersion(doc, transcript)
}
