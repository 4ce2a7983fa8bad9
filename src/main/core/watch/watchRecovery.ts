// What the watch does with the jobs behind its files: at start, the files a run before left open
// (their job finished, was interrupted, or is gone); while it runs, each job that ended (export,
// take again, resume or fail the file); and a file that vanished while its job still waited.
import { basename } from 'node:path'
import { isTerminalStatus, type JobRow } from '@shared/domain'
import { oneLineError } from '@shared/errors'
import { enqueueTake } from './fileTake'
import { exportFile } from './watchExport'
import type { WatchFileRow } from './watchRepository'
import { OPEN_STATES, type LiveFolder, type WatchRun } from './watchRun'

/** How the reaper's error begins (core/process/orphanReaper.ts). */
const ORPHANED = 'orphaned: '

/**
 * Files a run before left open: their job finished, was interrupted, or is gone. A job's own
 * file comes before the files linked to it: resumed first, the job is there for them to link to
 * again; taken after it was not, its copies would each start another job for the same content.
 */
export async function recover(run: WatchRun, l: LiveFolder): Promise<void> {
  const rows = run.o.repo.files(l.folder.id, OPEN_STATES)
  const owners = rows.filter((r) => r.state === 'queued')
  for (const row of [...owners, ...rows.filter((r) => r.state !== 'queued')]) {
    const id = row.job_id
    const job = id === null ? null : run.o.deps.getJob(id)
    if (!job) await enqueueTake(run, l, row.path, true)
    else if (job.status === 'completed') await run.enqueue(() => exportFile(run, l, row, job))
    else if (isTerminalStatus(job.status)) {
      if (row.state === 'queued') await resume(run, l, row, job)
      else await enqueueTake(run, l, row.path, true)
    }
  }
}

async function resume(run: WatchRun, l: LiveFolder, row: WatchFileRow, job: JobRow): Promise<void> {
  try {
    await run.o.deps.resumeJob(job.id, run.o.client)
    run.o.log(`resumed   ${basename(row.path)} (job ${job.id}, interrupted before)`)
  } catch (error) {
    run.o.log(`cannot resume job ${job.id}: ${oneLineError(error)}; taking the file again`)
    await enqueueTake(run, l, row.path, true)
  }
}

/** A job changed: once it has ended, each of its files is exported, taken again, resumed or failed. */
export function jobChanged(run: WatchRun, job: JobRow): void {
  if (!isTerminalStatus(job.status) || run.stopping) return
  for (const row of run.o.repo.filesOfJob(job.id)) {
    const l = run.live.get(row.folder_id)
    if (!l) continue
    if (job.status === 'completed') void run.enqueue(() => exportFile(run, l, row, job))
    else if (row.state === 'linked') void enqueueTake(run, l, row.path, true)
    // The reaper's verdict on a job whose host died (a kill -9 before this start): resumed.
    else if (job.status === 'failed' && job.error_message?.startsWith(ORPHANED))
      void run.enqueue(() => resume(run, l, row, job))
    else if (job.status === 'failed') {
      const reason = job.error_message ?? 'the job failed'
      run.o.repo.setFileState(row.folder_id, row.path, { state: 'failed', reason })
      run.tally.failed++
      run.o.log(`failed    ${basename(row.path)}: ${reason}`)
      run.changed()
    } else if (row.state === 'queued') stoppedByUser(run, row, job)
  }
}

/**
 * The file's own job was stopped while the watch ran (a Stop in the app: a shutdown stops the
 * watch first, and those jobs resume at the next start): the file is skipped with the reason,
 * not resumed behind the user's back. A newer copy of it is taken again (fileTake.ts).
 */
function stoppedByUser(run: WatchRun, row: WatchFileRow, job: JobRow): void {
  const reason = `stopped: ${job.cancel_reason ?? 'by the user'}`
  run.o.repo.setFileState(row.folder_id, row.path, { state: 'skipped', reason })
  run.tally.skipped++
  run.o.log(`skipped   ${basename(row.path)}: ${reason}`)
  run.changed()
}

/** A file that vanished while its job still waited: the job is cancelled, the file skipped. */
export async function vanished(run: WatchRun, l: LiveFolder, path: string): Promise<void> {
  const row = run.o.repo.file(l.folder.id, path)
  if (!row || row.state !== 'queued' || row.job_id === null) return
  const job = run.o.deps.getJob(row.job_id)
  if (job?.status !== 'queued') return
  const reason = 'the file vanished before its turn'
  run.o.repo.setFileState(l.folder.id, path, { state: 'skipped', reason })
  run.tally.skipped++
  run.o.log(`skipped   ${basename(path)}: ${reason}`)
  await run.o.deps.stopJob(job.id, reason)
}
