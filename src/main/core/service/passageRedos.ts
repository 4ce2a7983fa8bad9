// The "Transcribe again" jobs a service started (passageRedo.ts creates them): the passage each
// one's pipeline cuts from its input, and, when one completes, its words put back into the job it
// redoes as an edit, through the editor's own save (the engine's original kept, the job's files
// rewritten). Held by the service that started them: a host that restarts reaps a running redo
// like any job it no longer runs, and the passage stays as it was.
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

export interface PassageRedo extends Passage {
  /** The job whose transcript the passage goes back into. */
  of: number
}

export interface ApplyDeps {
  store: Store
  mustGet: (id: number) => JobRow
  changed: (jobId: number) => void
  /** Where every window hears that the transcript has a new version. */
  hub: Pick<TypedEvents<EventPayloads>, 'emit'>
}

export class PassageRedos {
  private readonly byJob = new Map<number, PassageRedo>()

  constructor(private readonly deps: () => ApplyDeps) {}

  add(jobId: number, redo: PassageRedo): void {
    this.byJob.set(jobId, redo)
  }

  get(jobId: number): PassageRedo | undefined {
    return this.byJob.get(jobId)
  }

  /** The stretch the job's pipeline decodes, if it is a redo. */
  passage(jobId: number): Passage | undefined {
    const redo = this.byJob.get(jobId)
    return redo && { from: redo.from, to: redo.to }
  }

  /** After a completed job's transcript is stored: a redo's words go back into its job. */
  /** The runner's adopt step followed by this redo's splice, if the job is a passage redo. */
  adoptingWith<A extends unknown[], T>(
    adopt: (job: JobRow, ...rest: A) => T
  ): (job: JobRow, ...rest: A) => T {
    return (job, ...rest) => this.afterAdopt(job, adopt(job, ...rest))
  }

  afterAdopt<T>(job: JobRow, outputs: T): T {
    const redo = this.byJob.get(job.id)
    if (redo) {
      this.byJob.delete(job.id)
      applyPassageRedo(this.deps(), job.id, redo)
    }
    return outputs
  }
}

/**
 * The redo's words into its job's transcript (the current version, edits included). Returns what
 * happened in one line; never throws (the redo itself did complete).
 */
export function applyPassageRedo(deps: ApplyDeps, redoId: number, redo: PassageRedo): string {
  try {
    const { transcripts } = deps.store
    const again = transcripts.get(redoId)?.transcript
    const doc = transcripts.get(redo.of)
    if (!again || !doc) return `job ${redo.of} has no transcript: nothing replaced`
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
    return `the passage ${clockText(redo.from)}–${clockText(redo.to)} of job ${redo.of} replaced`
  } catch (err) {
    return `the passage of job ${redo.of} was left as it was: ${oneLineError(err)}`
  }
}
