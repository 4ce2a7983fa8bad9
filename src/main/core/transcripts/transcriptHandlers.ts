// The transcript channels: read (with edits), save an edit, go back to the engine's output.
import type { JobRow, TranscriptDocument } from '@shared/domain'
import type { RequestHandlers } from '@shared/ipc/contract'
import { readTranscript } from '../service/jobOutputs'
import type { TranscriptRepository } from './transcriptRepository'

export interface TranscriptHandlerDeps {
  transcripts: TranscriptRepository
  mustGet: (id: number) => JobRow
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
  return {
    'transcripts.get': async ({ id }) => documentOf(id),
    'transcripts.save': async ({ id, transcript }) => {
      mustDocument(id)
      if (!transcripts.saveEdit(id, transcript)) throw new Error(`job ${id} has no transcript`)
      return mustDocument(id)
    },
    'transcripts.revert': async ({ id }) => {
      mustDocument(id)
      transcripts.revert(id)
      return mustDocument(id)
    }
  }
}
