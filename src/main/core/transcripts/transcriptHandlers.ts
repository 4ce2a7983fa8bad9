// The transcript channels: read (with edits), save an edit, go back to the engine's output. A save
// or a revert also rewrites the job's output files that still hold the previous version, under
// the database's write lock: a delete of the job by another host on the same data dir comes
// before (the save is refused: the job does not exist) or after (its files go), never between.
// A save runs on the save worker (transcriptSaver.ts), off the host's event loop.
import { parseOutputFiles, type JobRow } from '@shared/domain'
import type { TranscriptDocument } from '@shared/transcript'
import type { RequestHandlers } from '@shared/ipc/contract'
import { rewriteOutputs } from './rewriteOutputs'
import { currentDocument } from './saveChange'
import type { TranscriptRepository } from './transcriptRepository'
import type { TranscriptSaver } from './transcriptSaver'

export interface TranscriptHandlerDeps {
  transcripts: TranscriptRepository
  saver: Pick<TranscriptSaver, 'save'>
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
  const documentOf = (id: number): TranscriptDocument | null =>
    currentDocument(transcripts, mustGet(id))
  const mustDocument = (id: number): TranscriptDocument => {
    const doc = documentOf(id)
    if (!doc) throw new Error(`job ${id} has no transcript`)
    return doc
  }
  return {
    'transcripts.get': async ({ id }) => documentOf(id),
    'transcripts.save': async (request) => {
      const saved = await deps.saver.save(request)
      deps.changed({ id: request.id, editedAt: saved.editedAt })
      return saved
    },
    'transcripts.revert': async ({ id }) => {
      const doc = transcripts.exclusive(() => {
        const before = mustDocument(id).transcript
        transcripts.revert(id)
        const after = mustDocument(id)
        const files = rewriteOutputs(
          parseOutputFiles(mustGet(id).output_files),
          before,
          after.transcript,
          (path) => deps.ownedByOther(id, path)
        )
        return { ...after, files }
      })
      deps.changed({ id, editedAt: doc.editedAt })
      return doc
    }
  }
}
