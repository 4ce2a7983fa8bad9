// Each watched folder's status as Settings and the CLI show it: watching, paused or missing,
// files per state, files still growing, and an ETA from the folder's own mean job time.
import { basename } from 'node:path'
import type { WatchFolderStatus } from '@shared/watch'
import type { LiveFolder, WatchRun } from './watchRun'

export function folderStatuses(run: WatchRun): WatchFolderStatus[] {
  return run.o.repo.folders().map((folder) => {
    const l = run.live.get(folder.id)
    const c = run.o.repo.countByState(folder.id)
    const state = folder.paused ? 'paused' : l?.watch?.isMissing ? 'missing' : 'watching'
    return {
      folderId: folder.id,
      path: folder.path,
      state,
      message: l ? waitingMessage(l) : '',
      counts: {
        waiting: l?.settling.size ?? 0,
        queued: c.queued ?? 0,
        linked: c.linked ?? 0,
        exported: c.exported ?? 0,
        skipped: c.skipped ?? 0,
        failed: c.failed ?? 0
      },
      etaSeconds: eta(run, folder.id, (c.queued ?? 0) + (l?.settling.size ?? 0))
    }
  })
}

/** The folder's mean job time so far × what is left, spread over the jobs that run at once. */
function eta(run: WatchRun, folderId: number, left: number): number | null {
  if (left === 0) return 0
  const mean = run.o.repo.meanJobSeconds(folderId)
  return mean === null ? null : Math.round((mean * left) / Math.max(1, run.o.deps.concurrentJobs()))
}

function waitingMessage(l: LiveFolder): string {
  if (l.watch?.isMissing)
    return 'the folder is gone (disk unmounted or share down?): paused until it returns'
  const growing = [...l.settling.entries()].filter(([, s]) => s.announced)
  if (growing.length === 0) return ''
  const [path, s] = growing[0]
  const seconds = Math.round((Date.now() - s.firstSeen) / 1000)
  return `${growing.length} file(s) still growing: ${basename(path)} for ${seconds} s`
}
