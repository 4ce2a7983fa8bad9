// "Transcribe again" (jobs.redo): a passage of a finished job's recording runs as a small job of
// its own (tracked processes, Stop, log: the ordinary job machinery; its pipeline decodes only the
// passage, spec.passage). When it completes, its words replace the passage in the job's transcript
// as an edit through the same save as the editor's (the engine's original kept, files rewritten,
// undoable; passageRedos.ts). Stopped or failed, it changes nothing.
import { basename } from 'node:path'
import type { JobRow } from '@shared/domain'
import type { RedoRequest } from '@shared/passageRedo'
import type { RequestContext } from '@shared/ipc/contract'
import { clockText } from '@shared/clockText'
import { inputProblem } from './inputCheck'
import { jobColumnsOf, jobOptionsOf } from './jobOptions'
import { withEndpoints } from './endpointHandlers'
import type { ServiceCore } from './serviceCore'

type RedoDeps = Pick<
  ServiceCore,
  'repo' | 'scheduler' | 'instanceId' | 'mustGet' | 'hub' | 'endpointDeps' | 'store' | 'redos'
>

/** The passage's job, queued; or an Error with the one line why not (nothing created). */
export async function redoPassage(
  core: RedoDeps,
  request: RedoRequest,
  ctx: RequestContext
): Promise<JobRow> {
  const job = core.mustGet(request.id)
  const span = `${clockText(request.from)}–${clockText(request.to)}`
  const refuse = (why: string): Error =>
    new Error(`cannot transcribe ${span} of job ${job.id} again: ${why}`)
  if (job.status !== 'completed') throw refuse(`the job is ${job.status}, not completed`)
  if (!core.store.transcripts.has(job.id)) throw refuse('the job has no transcript')
  const problem = await inputProblem(job.original_path)
  if (problem) throw refuse(`its recording ${job.original_path}: ${problem}`)
  if (job.duration_seconds !== null && request.from >= job.duration_seconds)
    throw refuse(`the recording ends at ${clockText(job.duration_seconds)}`)
  const options = withEndpoints(core.endpointDeps, {
    ...jobOptionsOf(job),
    ...request.options,
    // Its transcript goes back into the job's: no files of its own beside the user's.
    formats: ['json'],
    outputDir: ''
  })
  // One transaction: a crash leaves no redo job without its passage (it would decode the whole file).
  const redo = core.store.db.transaction(() => {
    const created = core.repo.createJob({
      filename: `${basename(job.filename)} (${span} again)`,
      original_path: job.original_path,
      duration_seconds: null,
      ...jobColumnsOf(options),
      owner_instance: core.instanceId,
      owner_pid: process.pid
    })
    core.redos.add(created.id, { of: job.id, from: request.from, to: request.to })
    return created
  })()
  core.scheduler.enqueue({ jobId: redo.id, ownerId: ctx.clientId, keepInBackground: false })
  const row = core.mustGet(redo.id)
  core.hub.emit('job.updated', row)
  return row
}
