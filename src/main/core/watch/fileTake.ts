// Taking a settled file: not media → skipped; its content hash decides whether it needs a job
// (new content) or is linked to the job that has that content already (exported again, not
// re-run). Every step is written to watch_files first, so a restart knows where it stood.
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { JobRow } from '@shared/domain'
import { oneLineError } from '@shared/errors'
import { isMediaName } from '@shared/mediaFiles'
import { sameContentText } from '@shared/sameContent'
import { contentHash } from './contentHash'
import { exportFile } from './watchExport'
import type { WatchFileRow } from './watchRepository'
import type { LiveFolder, WatchRun } from './watchRun'

type NewFileRow = Omit<WatchFileRow, 'state' | 'reason'>

/** Queues a take. `again`: the job it stood on is gone or failed, so its own row does not count as taken. */
export function enqueueTake(
  run: WatchRun,
  l: LiveFolder,
  path: string,
  again = false
): Promise<void> {
  return run.enqueue(
    () => take(run, l, path, again),
    (error) => run.o.log(`failed    ${basename(path)}: ${oneLineError(error)}`)
  )
}

async function take(run: WatchRun, l: LiveFolder, path: string, again: boolean): Promise<void> {
  if (run.stopping) return
  const st = await stat(path).catch(() => null)
  if (!st?.isFile()) return
  const base = {
    folder_id: l.folder.id,
    path,
    size: st.size,
    mtime_ms: Math.trunc(st.mtimeMs),
    job_id: null
  }
  const { repo } = run.o
  if (!isMediaName(path)) {
    const reason = 'not a media file'
    repo.saveFile({ ...base, content_hash: null, state: 'skipped', reason })
    run.tally.notMedia++
    run.o.log(`skipped   ${basename(path)}: ${reason}`)
    return
  }
  const hash = await contentHash(path)
  const before = repo.file(l.folder.id, path)
  const same = before?.content_hash === hash
  // Taken already with these bytes (touched, or seen twice): only its size and mtime change. An
  // exported file is done whatever `again` says: a take queued while it waited on its job can
  // run after the export (a resume refused because the job had meanwhile been resumed and ended).
  const taken = before?.state !== 'skipped' && before?.state !== 'failed'
  if (same && taken && (!again || before.state === 'exported')) {
    repo.saveFile({ ...before, ...base, job_id: before.job_id })
    return
  }
  // The export names it claimed for these bytes stay its own: its export finishes under them
  // (watchExport.ts) instead of claiming `name (2)` beside them.
  const row = { ...base, content_hash: hash, outputs: same ? before.outputs : null }
  const existing = run.o.deps.jobWithContent(hash, l.folder.options)
  if (existing) await link(run, l, row, existing)
  else await createJob(run, l, row)
}

async function link(run: WatchRun, l: LiveFolder, base: NewFileRow, job: JobRow): Promise<void> {
  const reason = sameContentText(job)
  const row = { ...base, job_id: job.id, state: 'linked' as const, reason }
  run.o.repo.saveFile(row)
  run.o.log(`linked    ${basename(base.path)}: ${reason}`)
  if (job.status === 'completed') await exportFile(run, l, row, job)
}

async function createJob(run: WatchRun, l: LiveFolder, base: NewFileRow): Promise<void> {
  const { repo, deps } = run.o
  const job = await deps.createJob(base.path, l.folder.options, run.o.client)
  deps.setContentHash(job.id, base.content_hash as string)
  if (job.status === 'failed') {
    repo.saveFile({ ...base, job_id: job.id, state: 'failed', reason: job.error_message })
    run.tally.failed++
    run.o.log(`failed    ${basename(base.path)}: ${job.error_message ?? 'unknown error'}`)
    return
  }
  repo.saveFile({ ...base, job_id: job.id, state: 'queued', reason: null })
  run.o.log(`queued    ${basename(base.path)} (job ${job.id})`)
}
