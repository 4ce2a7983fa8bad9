// Saving an edit: the change applied to the version it was made on, the result held to the
// transcript's bounds, stored, and the job's files rewritten. What costs time on a long
// transcript (reading the stored version, checking the result, encoding it, rendering the files)
// comes before the database's write lock; under it only the version check, the row and the file
// writes, so a delete of the job by another host still comes wholly before or after. The editor's
// saves run it on the save worker (transcriptSaver.ts); a passage redo runs it where it is.
import { parseOutputFiles, type JobRow } from '@shared/domain'
import {
  TranscriptSchema,
  TRANSCRIPT_CHANGED_ELSEWHERE,
  type Transcript,
  type TranscriptDocument,
  type TranscriptSaved
} from '@shared/transcript'
import { applyChange, type TranscriptChange } from '@shared/transcriptChange'
import { issueText } from '@shared/ipc/contract'
import { readTranscript } from './readTranscript'
import { renderOutputs, writeRendered } from './rewriteOutputs'
import { encodeEdit, type StoredVersion, type TranscriptRepository } from './transcriptRepository'

export interface SaveDeps {
  transcripts: TranscriptRepository
  mustGet: (id: number) => JobRow
  /** A path another job's row names is that job's file, not this one's to rewrite. */
  ownedByOther: (jobId: number, path: string) => boolean
}

export interface SaveRequest {
  id: number
  change: TranscriptChange
  /** The version the change was made on (null = the engine's). */
  baseEditedAt: number | null
}

/**
 * The version the last save made, and what its files became: the next save (an autosave, made on
 * it) neither reads it back from the database nor renders its files again.
 */
export interface SaveMemo {
  last: {
    id: number
    /** The version as stored: its editedAt and size (a revert can bring an editedAt back). */
    version: StoredVersion & { editedAt: number }
    transcript: Transcript
    files: Map<string, string>
  } | null
}

/** The version stored now (a job finished before transcripts were stored: its json file). */
export function currentDocument(
  transcripts: TranscriptRepository,
  job: JobRow
): TranscriptDocument | null {
  const stored = transcripts.get(job.id)
  if (stored) return stored
  const transcript = readTranscript(job, transcripts)
  return transcript ? { transcript, editedAt: null } : null
}

/** The version stored now, and its files as rendered, when the last save made that version. */
export function storedVersion(
  deps: SaveDeps,
  job: JobRow,
  memo: SaveMemo
): { doc: TranscriptDocument | null; files: ReadonlyMap<string, string> } {
  const last = memo.last
  const now = last?.id === job.id ? deps.transcripts.version(job.id) : undefined
  if (last && now?.editedAt === last.version.editedAt && now.bytes === last.version.bytes)
    return { doc: { transcript: last.transcript, editedAt: now.editedAt }, files: last.files }
  return { doc: currentDocument(deps.transcripts, job), files: new Map() }
}

/** Throws one line when the save is refused: stale, out of bounds, or the job gone. */
export function saveChange(
  deps: SaveDeps,
  request: SaveRequest,
  memo: SaveMemo = { last: null }
): TranscriptSaved {
  const { id, change, baseEditedAt } = request
  const job = deps.mustGet(id)
  const { doc: stored, files: known } = storedVersion(deps, job, memo)
  if (!stored) throw new Error(`job ${id} has no transcript`)
  if (stored.editedAt !== baseEditedAt) throw new Error(TRANSCRIPT_CHANGED_ELSEWHERE)
  const checked = TranscriptSchema.safeParse(applyChange(stored.transcript, change))
  if (!checked.success) throw new Error(`not saved: ${issueText(checked.error)}`)
  const rendered = renderOutputs(
    parseOutputFiles(job.output_files),
    stored.transcript,
    checked.data,
    (path) => known.get(path)
  )
  const encoded = encodeEdit(checked.data)
  memo.last = null
  const saved = deps.transcripts.exclusive(() => {
    const outputs = parseOutputFiles(deps.mustGet(id).output_files)
    const editedAt = deps.transcripts.saveEncoded(id, encoded, baseEditedAt)
    if (editedAt === 'missing') throw new Error(`job ${id} has no transcript`)
    if (editedAt === 'stale') throw new Error(TRANSCRIPT_CHANGED_ELSEWHERE)
    return { editedAt, files: writeRendered(rendered, outputs, (p) => deps.ownedByOther(id, p)) }
  })
  const files = new Map(rendered.map((r) => [r.path, r.after]))
  const version = { editedAt: saved.editedAt, bytes: Buffer.byteLength(encoded.edited) }
  memo.last = { id, version, transcript: checked.data, files }
  return saved
}
