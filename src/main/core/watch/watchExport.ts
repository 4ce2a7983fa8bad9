// A finished job's transcript exported for a watched file (autoExport.ts: the folder's output
// folder, named by its template), once: the names it claims are kept in the file's watch_files
// row before anything is written, so an export a crash cut off finishes under those names.
import { basename } from 'node:path'
import type { JobRow } from '@shared/domain'
import { autoExport } from './autoExport'
import type { WatchFileRow } from './watchRepository'
import type { LiveFolder, WatchRun } from './watchRun'

export async function exportFile(
  run: WatchRun,
  l: LiveFolder,
  row: WatchFileRow,
  job: JobRow
): Promise<void> {
  const { repo } = run.o
  const current = repo.file(row.folder_id, row.path)
  if (!current || current.state === 'exported') return
  const transcript = run.o.deps.transcript(job.id)
  if (!transcript) {
    const reason = `job ${job.id} has no transcript to export`
    repo.setFileState(row.folder_id, row.path, { state: 'failed', reason })
    run.tally.failed++
    return
  }
  const outputs = await autoExport(l.folder, row.path, job, transcript, {
    earlier: current.outputs === null ? null : (JSON.parse(current.outputs) as string[]),
    claimed: (paths) =>
      repo.setFileState(row.folder_id, row.path, {
        state: current.state,
        reason: current.reason,
        outputs: paths
      })
  })
  const linked = current.state === 'linked'
  repo.setFileState(row.folder_id, row.path, {
    state: 'exported',
    reason: current.reason,
    outputs
  })
  if (linked) run.tally.linked++
  else run.tally.transcribed++
  run.o.log(
    `exported  ${basename(row.path)} → ${outputs.join(', ')}${linked ? ` (reused job ${job.id})` : ''}`
  )
}
