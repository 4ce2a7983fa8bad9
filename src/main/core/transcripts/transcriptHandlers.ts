// The transcript channels: read (with edits), save an edit, go back to the engine's output. A save
// or a revert also rewrites the job's output files that still hold the previous version, under
// the database's write lock: a delete of the job by another host on the same data dir comes
// before (the save is refused: the job does not exist) or after (its files go), never between.
// Saves and reverts run on the save worker (transcriptSaver.ts), off the host's event loop.
import type { JobRow } from '@shared/domain'
import type { TranscriptDocument } from '@shared/transcript'
import type { RequestHandlers } from '@shared/ipc/contract'
import { currentDocument } from './saveChange'
import type { TranscriptRepository } from './transcriptRepository'
import type { TranscriptSaver } from './transcriptSaver'

export interface TranscriptHandlerDeps {
  transcripts: TranscriptRepository
  saver: Pick<TranscriptSaver, 'save' | 'revert'>
  mustGet: (id: number) => JobRow
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
  return {
    'transcripts.get': async ({ id }) => documentOf(id),
    'transcripts.save': async (request) => {
      const saved = await deps.saver.save(request)
      deps.changed({ id: request.id, editedAt: saved.editedAt })
      return saved
    },
    'transcripts.revert': async ({ id }) => {
      const doc = await deps.saver.revert(id)
      deps.changed({ id, editedAt: doc.editedAt })
      return doc
    }
  }
}
