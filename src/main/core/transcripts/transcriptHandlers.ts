// The transcript channels: read (with edits), save an edit, go back to the engine's output. A save
// or a revert also rewrites the job's output files that still hold the previous version, under
// the database's write lock: a delete of the job by another host on the same data dir comes
// before (the save is refused: the job does not exist) or after (its files go), never between.
import { parseOutputFiles, type JobRow } from '@shared/domain'
import {
  TRANSCRIPT_CHANGED_ELSEWHERE,
  type Transcript,
  type TranscriptDocument
} from '@shared/transcript'
import type { RequestHandlers } from '@shared/ipc/contract'
import { readTranscript } from './readTranscript'
import { rewriteOutputs } from './rewriteOutputs'
import type { TranscriptRepository } from './transcriptRepository'

export interface TranscriptHandlerDeps {
  transcripts: TranscriptRepository
  mustGet: (id: number) => JobRow
  /** A path another job's row names is that job's file, not this one's to rewrite. */
  ownedByOther: (jobId: number, path: string) => boolean
  /** Tells every window the transcript has a new version (theirs may be open on it). */
  changed: (change: { id: number; editedAt: number | null }) => void
}

type TranscriptChannels = 'transcripts.get' | 'transcripts.save' | 'transcripts.revert'

export function transcriptHandlers(
  deps: TranscriptHandlerDeps
): Pick<RequestHandlers, TranscriptChannels> {
  const { transcripts, mustGet } = deps
  const documentOf = (id: number): TranscriptDocument | null => {
    const job = mustGet(id)
    const stored = transcripts.get(id)
    if (stored) return stored
    const transcript = readTranscript(job, transcripts)
    return transcript ? { transcript, editedAt: null } : null
  }
  const mustDocument = (id: number): TranscriptDocument => {
    const doc = documentOf(id)
    if (!doc) throw new Error(`job ${id} has no transcript`)
    return doc
  }
  /** The document after a change, with the job's files brought in line with it. */
  const withFiles = (id: number, before: Transcript): TranscriptDocument => {
    const doc = mustDocument(id)
    const files = rewriteOutputs(
      parseOutputFiles(mustGet(id).output_files),
      before,
      doc.transcript,
      (path) => deps.ownedByOther(id, path)
    )
    return { ...doc, files }
  }
  const announced = (doc: TranscriptDocument, id: number): TranscriptDocument => {
    deps.changed({ id, editedAt: doc.editedAt })
    return doc
  }
  return {
    'transcripts.get': async ({ id }) => documentOf(id),
    'transcripts.save': async ({ id, transcript, baseEditedAt }) =>
      announced(
        transcripts.exclusive(() => {
          const before = mustDocument(id).transcript
          const saved = transcripts.saveEdit(id, transcript, baseEditedAt)
          if (saved === 'missing') throw new Error(`job ${id} has no transcript`)
          if (saved === 'stale') throw new Error(TRANSCRIPT_CHANGED_ELSEWHERE)
          return withFiles(id, before)
        }),
        id
      ),
    'transcripts.revert': async ({ id }) =>
      announced(
        transcripts.exclusive(() => {
          const before = mustDocument(id).transcript
          transcripts.revert(id)
          return withFiles(id, before)
        }),
        id
      )
  }
}
