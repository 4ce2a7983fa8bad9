// Resume: a stopped or failed job goes back in the queue under its own id, and its pipeline starts
// with `resume` set, so it transcribes only the chunks its work folder has no checkpoint for.
import type { JobRow } from '@shared/domain'
import type { RequestContext } from '@shared/ipc/contract'
import { checkResumable } from './resumeCheck'
import type { ServiceCore } from './serviceCore'

export async function resumeJob(
  core: Pick<ServiceCore, 'mustGet' | 'dataDir' | 'repo' | 'scheduler' | 'changed' | 'instanceId'>,
  id: number,
  ctx: RequestContext
): Promise<JobRow> {
  await checkResumable(core.mustGet(id), core.dataDir)
  if (!core.repo.requeueJob(id, { pid: process.pid, instance: core.instanceId }))
    throw new Error(`job ${id} could not be resumed: its status changed meanwhile`)
  core.scheduler.enqueue({
    jobId: id,
    ownerId: ctx.clientId,
    keepInBackground: false,
    resume: true
  })
  core.changed(id)
  return core.mustGet(id)
}
