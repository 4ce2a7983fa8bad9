// The service's commands: what changes jobs (create, stop, retry, delete, keep in background,
// release a client's jobs). Request handlers and the lifecycle call these; none of them is
// reachable from a host except through the handlers.
import { basename, isAbsolute, resolve } from 'node:path'
import {
  isAbsolutePath,
  isTerminalStatus,
  nothingKilled,
  type JobOptions,
  type JobRow,
  type KillResult
} from '@shared/domain'
import type { JobsStoppedNotice, RequestContext } from '@shared/ipc/contract'
import { inputProblem } from './inputCheck'
import { modelProblem } from './modelCheck'
import { jobColumnsOf, jobOptionsOf, withDefaults } from './jobOptions'
import { withEndpoints } from './endpointHandlers'
import { removeJobFiles, uploadFolderOf } from './jobOutputs'
import { removeUnusedUploads, uploadInUse } from './uploads'
import { outputClaims } from '../db/outputClaims'
import type { ServiceCore } from './serviceCore'

// Each command names the parts of the service it uses.
type StopDeps = Pick<ServiceCore, 'repo' | 'scheduler' | 'pm' | 'changed'>
type ReleaseDeps = StopDeps & Pick<ServiceCore, 'hub' | 'recordings' | 'mustGet'>
type CreateDeps = Pick<
  ServiceCore,
  'repo' | 'scheduler' | 'instanceId' | 'mustGet' | 'hub' | 'endpointDeps' | 'settings' | 'dataDir'
>
type DeleteDeps = StopDeps & Pick<ServiceCore, 'mustGet' | 'store' | 'dataDir' | 'hub'>
type KeepDeps = Pick<ServiceCore, 'mustGet' | 'repo' | 'scheduler' | 'pm' | 'changed'>

/** How new jobs are made: kept running when their window closes; run even when their content
 * was transcribed before ("Transcribe again"), instead of linked to it (sameContent.ts). */
export interface CreateHow {
  keepInBackground?: boolean
  rerun?: boolean
}

export interface CreatedJobs {
  created: JobRow[]
  rejected: { path: string; reason: string }[]
}

/**
 * Stops one job whatever state it is in; a finished job is left as it is. Every stop goes through
 * here: the user's, a client going away, a delete, shutdown's queued jobs and the CLI's.
 */
export async function stopJob(core: StopDeps, id: number, reason: string): Promise<KillResult> {
  const { repo, scheduler, pm } = core
  const started = Date.now()
  if (scheduler.remove(id) || repo.getJob(id)?.status === 'queued') {
    repo.cancelJob(id, reason)
    core.changed(id)
    return nothingKilled(id)
  }
  // Finished: nothing to stop. Running here or in another process: the ProcessManager stops
  // its own child, or the recorded tree (identity-checked) of a job another process owns.
  const ended =
    isTerminalStatus(repo.getJob(id)?.status ?? 'completed') ||
    pm.outcomes.pending(id) !== undefined
  if (ended && !pm.isProcessRunning(id)) {
    return nothingKilled(id, Date.now() - started)
  }
  const result = await pm.killProcessTree(id, { reason })
  core.changed(id)
  return result
}

/** A recording ends as its Stop button ends it, and its job finishes in the background: what was
 * recorded is transcribed, not cancelled with the page that was sending it. Returns their jobs. */
export function endClientRecordings(core: ReleaseDeps, clientId: string): number[] {
  const ids = core.recordings.endOwnedBy(clientId)
  for (const id of ids) setKeepInBackground(core, id, true)
  return ids
}

/** A client went away: its queued and running jobs stop, except those kept in background. */
export async function releaseClient(
  core: ReleaseDeps,
  clientId: string,
  reason: string
): Promise<JobsStoppedNotice> {
  const { scheduler, pm, repo } = core
  endClientRecordings(core, clientId)
  // A job whose turn came is still `queued` while its input is read (sameContent.ts): no process
  // list holds it yet, and it stops as a queued job does.
  const reading = scheduler
    .startedOwnedBy(clientId)
    .filter((j) => repo.getJob(j.jobId)?.status === 'queued')
  const queued = [...scheduler.waitingOwnedBy(clientId), ...reading].filter(
    (j) => !j.keepInBackground
  )
  for (const job of queued) await stopJob(core, job.jobId, reason)
  const running = pm.releasableJobs(clientId)
  const results = await Promise.all(running.map((id) => stopJob(core, id, reason)))
  const ids = [
    ...queued.map((j) => j.jobId),
    ...results.filter((r) => !r.alreadyStopped).map((r) => r.jobId)
  ]
  const jobs = ids.map((id) => ({ id, filename: repo.getJob(id)?.filename ?? `job ${id}` }))
  const notice = { jobs, reason }
  if (jobs.length > 0) core.hub.emit('jobs.stopped', notice)
  return notice
}

/** One job for one file: queued, or failed at once with the reason the file cannot be used. */
async function createOneJob(
  core: CreateDeps,
  path: string,
  chosen: JobOptions,
  ctx: RequestContext,
  how: CreateHow
): Promise<JobRow> {
  const { repo, scheduler } = core
  const keepInBackground = how.keepInBackground === true
  const problem = await inputProblem(path)
  const job = repo.createJob({
    filename: basename(path),
    original_path: path,
    duration_seconds: null,
    ...jobColumnsOf(chosen),
    owner_instance: core.instanceId,
    owner_pid: process.pid,
    link_same_content: how.rerun ? 0 : 1
  })
  if (keepInBackground) repo.setKeepInBackground(job.id, true)
  // A bad file becomes a failed job with its reason (visible in History); the rest go on.
  if (problem) repo.failJob(job.id, problem)
  else scheduler.enqueue({ jobId: job.id, ownerId: ctx.clientId, keepInBackground })
  const row = core.mustGet(job.id)
  core.hub.emit('job.updated', row)
  return row
}

/** The request's options over the defaults, or why no job can run with them (thrown). */
function acceptedOptions(core: CreateDeps, options: Partial<JobOptions> | undefined): JobOptions {
  const chosen = withEndpoints(core.endpointDeps, withDefaults(options, core.settings.get()))
  // Relative to what? The app's or the host's working directory is nowhere the user chose.
  if (chosen.outputDir && !isAbsolutePath(chosen.outputDir))
    throw new Error(`output folder "${chosen.outputDir}" is relative: use a full path`)
  const noModel = modelProblem(chosen, core.dataDir)
  if (noModel) throw new Error(noModel)
  return chosen
}

export async function createJobs(
  core: CreateDeps,
  paths: string[],
  options: Partial<JobOptions> | undefined,
  ctx: RequestContext,
  how: CreateHow = {}
): Promise<CreatedJobs> {
  let chosen: JobOptions
  try {
    chosen = acceptedOptions(core, options)
  } catch (err) {
    // Files uploaded for this request would otherwise wait in the data dir for nobody.
    await removeUnusedUploads(core.repo, core.dataDir, paths)
    throw err
  }
  const created: JobRow[] = []
  const rejected: CreatedJobs['rejected'] = []
  for (const raw of paths) {
    if (raw.includes('\0')) rejected.push({ path: raw, reason: 'path contains a NUL byte' })
    // A relative path means nothing to a host (its working directory is not the user's):
    // refused; the CLI resolves its arguments against the user's directory before asking.
    else if (!isAbsolute(raw)) rejected.push({ path: raw, reason: 'not an absolute path' })
    else
      created.push(
        await createOneJob(core, resolve(raw), chosen, ctx, {
          keepInBackground: how.keepInBackground === true,
          rerun: how.rerun === true
        })
      )
  }
  return { created: created.map((j) => core.repo.getJob(j.id) ?? j), rejected }
}

/** A new job for the same file with the same options (or another model the user picked): run
 * again, even when its content is linked to an earlier transcript. */
export async function retryJob(
  core: CreateDeps,
  id: number,
  ctx: RequestContext,
  model?: string
): Promise<JobRow> {
  const job = core.mustGet(id)
  const options = { ...jobOptionsOf(job), ...(model !== undefined && { model }) }
  const { created } = await createJobs(core, [job.original_path], options, ctx, { rerun: true })
  return created[0]
}

/** Stops the job if it still runs, then removes its files and its row. */
export async function deleteJob(
  core: DeleteDeps,
  id: number
): Promise<{ deleted: boolean; removedFiles: string[] }> {
  const job = core.repo.getJob(id)
  if (!job) return { deleted: false, removedFiles: [] }
  // Stop first; only a row that is no longer running may lose its files (its live log).
  if (!isTerminalStatus(job.status)) await stopJob(core, id, 'deleted by user')
  const stopped = core.mustGet(id)
  if (!core.repo.deleteJob(id)) {
    throw new Error(`job ${id} is still ${stopped.status}; it was not deleted`)
  }
  // A retried job reads the same upload: the upload goes with the last job that uses it.
  const upload = uploadFolderOf(stopped, core.dataDir)
  const uploadStillUsed = upload !== null && uploadInUse(core.repo, upload)
  // A file another job now names (it wrote the same path later) is no longer this job's.
  const ownedByOther = outputClaims(core.store.db)
  const removedFiles = removeJobFiles(stopped, core.dataDir, {
    uploadStillUsed,
    ownedByOther: (path) => ownedByOther(id, path)
  })
  core.hub.emit('job.deleted', { id })
  return { deleted: true, removedFiles }
}

export function setKeepInBackground(core: KeepDeps, id: number, keep: boolean): JobRow {
  core.mustGet(id)
  core.repo.setKeepInBackground(id, keep)
  core.scheduler.setKeepInBackground(id, keep)
  core.pm.setKeepInBackground(id, keep)
  core.changed(id)
  return core.mustGet(id)
}

/** The user chose "keep them running" while leaving: every job the client owns is kept. */
export function keepClientJobs(core: KeepDeps, clientId: string): number[] {
  const { scheduler, pm } = core
  const ids = new Set([
    ...scheduler.waitingOwnedBy(clientId).map((j) => j.jobId),
    ...scheduler.startedOwnedBy(clientId).map((j) => j.jobId),
    ...pm.runningJobIds().filter((id) => pm.ownerOf(id) === clientId)
  ])
  for (const id of ids) setKeepInBackground(core, id, true)
  return [...ids]
}
