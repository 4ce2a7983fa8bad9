// The "Transcribe again" jobs (passageRedo.ts creates them): the passage each one's pipeline cuts
// from its input, and, when one completes, its words put back into the job it redoes as an edit,
// through the editor's own save (the engine's original kept, the job's files rewritten). Kept in
// the database (db/passageRedoRows.ts): a redo interrupted by a crash or a quit is reaped like
// every job, the passage stays as it was, and resumed it decodes its passage and is put back.
import type Database from 'better-sqlite3'
import type { JobRow } from '@shared/domain'
import type { Passage } from '@shared/passageRedo'
import { clockText } from '@shared/clockText'
import { oneLineError } from '@shared/errors'
import type { EventPayloads } from '@shared/ipc/contract'
import type { TypedEvents } from '../../os/typedEvents'
import type { Store } from '../openDataDir'
import { splicePassage } from '../transcripts/splicePassage'
import { saveChange } from '../transcripts/saveChange'
import { changeBetween } from '@shared/transcriptChange'
import { outputClaims } from '../db/outputClaims'
import { passageRedoRows, type PassageRedoRow, type PassageRedoRows } from '../db/passageRedoRows'

export type PassageRedo = PassageRedoRow

export interface ApplyDeps {
  store: Store
  mustGet: (id: number) => JobRow
  changed: (jobId: number) => void
  /** Where every window hears that the transcript has a new version. */
  hub: Pick<TypedEvents<EventPayloads>, 'emit'>
}

export class PassageRedos {
  private readonly rows: PassageRedoRows

  constructor(
    db: Database.Database,
    private readonly deps: () => ApplyDeps
  ) {
    this.rows = passageRedoRows(db)
  }

  add(jobId: number, redo: PassageRedo): void {
    this.rows.add(jobId, redo)
  }

  /** The stretch the job's pipeline decodes, if it is a redo. */
  passage(jobId: number): Passage | undefined {
    const redo = this.rows.get(jobId)
    return redo && { from: redo.from, to: redo.to }
  }

  /** The runner's adopt step followed by this redo's splice, if the job is a passage redo. */
  adoptingWith<A extends unknown[], T>(
    adopt: (job: JobRow, ...rest: A) => T
  ): (job: JobRow, ...rest: A) => T {
    return (job, ...rest) => this.afterAdopt(job, adopt(job, ...rest))
  }

  /**
   * After a completed job's transcript is stored: a redo's words go back into its job. When they
   * cannot (the job was deleted, or its transcript changed in a way the save refuses), the redo
   * completes with the reason as its warning: the page and the CLI say so instead of "replaced".
   */
  afterAdopt<T>(job: JobRow, outputs: T): T {
    const redo = this.rows.get(job.id)
    if (!redo) return outputs
    const deps = this.deps()
    const outcome = applyPassageRedo(deps, job.id, redo)
    if (!outcome.replaced) deps.store.jobs.addWarning(job.id, outcome.line)
    return outputs
  }
}

/**
 * The redo's words into its job's transcript (the current version, edits included). Returns what
 * happened, in one line; never throws (the redo itself did complete).
 */
export function applyPassageRedo(
  deps: ApplyDeps,
  redoId: number,
  redo: PassageRedo
): { replaced: boolean; line: string } {
  const left = (why: string) => ({ replaced: false, line: `the passage stays as it was: ${why}` })
  try {
    const { transcripts } = deps.store
    if (redo.of === null) return left('the job it redoes was deleted')
    const again = transcripts.get(redoId)?.transcript
    const doc = transcripts.get(redo.of)
    if (!again || !doc) return left(`job ${redo.of} has no transcript`)
    // In this thread, not the save worker's: done before the redo's row says completed.
    const saved = saveChange(
      { transcripts, mustGet: deps.mustGet, ownedByOther: outputClaims(deps.store.db) },
      {
        id: redo.of,
        change: changeBetween(doc.transcript, splicePassage(doc.transcript, redo, again.segments)),
        baseEditedAt: doc.editedAt
      }
    )
    deps.hub.emit('transcript.changed', { id: redo.of, editedAt: saved.editedAt })
    deps.changed(redo.of)
    const span = `${clockText(redo.from)}–${clockText(redo.to)}`
    return { replaced: true, line: `the passage ${span} of job ${redo.of} replaced` }
  } catch (err) {
    return left(oneLineError(err))
  }
}
