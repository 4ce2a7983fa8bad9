// Reverting: a job's transcript back to the engine's original, and its files with it. As for a
// save (saveChange.ts), what costs time on a long transcript (reading both versions, rendering
// the files, the search text) comes before the database's write lock; under it only the version
// check, the row and the file writes. The editor's reverts run it on the save worker
// (saveWorker.ts), off the host's event loop.
import { parseOutputFiles } from '@shared/domain'
import { TRANSCRIPT_CHANGED_ELSEWHERE, type TranscriptDocument } from '@shared/transcript'
import { renderOutputs, writeRendered } from './rewriteOutputs'
import { storedVersion, type SaveDeps, type SaveMemo } from './saveChange'
import { plainText } from './transcriptRepository'

/** A save landing between reading and storing makes a revert read again, this many times. */
const ATTEMPTS = 3

/** Throws one line when the job or its transcript is gone. */
export function revertEdits(deps: SaveDeps, id: number, memo: SaveMemo): TranscriptDocument {
  for (let attempt = 1; ; attempt++) {
    const reverted = tryRevert(deps, id, memo)
    if (reverted !== 'stale') return reverted
    if (attempt === ATTEMPTS) throw new Error(TRANSCRIPT_CHANGED_ELSEWHERE)
  }
}

function tryRevert(deps: SaveDeps, id: number, memo: SaveMemo): TranscriptDocument | 'stale' {
  const job = deps.mustGet(id)
  const { doc: stored, files: known } = storedVersion(deps, job, memo)
  const original = stored && deps.transcripts.original(id)
  if (!stored || !original) throw new Error(`job ${id} has no transcript`)
  const rendered = renderOutputs(
    parseOutputFiles(job.output_files),
    stored.transcript,
    original,
    (path) => known.get(path)
  )
  const text = plainText(original)
  memo.last = null
  const files = deps.transcripts.exclusive(() => {
    const outputs = parseOutputFiles(deps.mustGet(id).output_files)
    const reverted = deps.transcripts.revertFrom(id, stored.editedAt, text)
    if (reverted === 'missing') throw new Error(`job ${id} has no transcript`)
    if (reverted === 'stale') return 'stale'
    return writeRendered(rendered, outputs, (path) => deps.ownedByOther(id, path))
  })
  return files === 'stale' ? 'stale' : { transcript: original, editedAt: null, files }
}
