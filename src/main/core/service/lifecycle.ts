// The service's lifecycle: start (heartbeat, reaper, one sweep of orphans and one of uploads),
// shutdown (every job stops, keep-in-background ones too, then the database closes) and waiting
// for jobs to end.
import type { JobRow } from '@shared/domain'
import { stopJob } from './jobCommands'
import type { ServiceCore } from './serviceCore'
import { sweepUploads } from './uploads'

const TERMINAL = new Set(['completed', 'failed', 'cancelled'])

export async function startService(
  core: Pick<ServiceCore, 'pm' | 'settings' | 'store' | 'repo' | 'dataDir'>
): Promise<void> {
  const { pm, settings } = core
  pm.startHeartbeat()
  pm.startReaper()
  const s = settings.get()
  if (s.processTracking) await pm.cleanupOrphanedProcesses(s.orphanTimeoutSeconds)
  await sweepUploads(core.repo, core.dataDir)
  // History's first page and search index read once now, not on the user's first click.
  setTimeout(() => core.store.history.warm(), 0).unref()
}

/** Cancels what still waits, stops what runs within timeoutMs, then closes the database. */
export async function shutdownService(
  core: Pick<
    ServiceCore,
    'scheduler' | 'repo' | 'pm' | 'models' | 'runner' | 'store' | 'changed' | 'saver'
  >,
  reason: string,
  timeoutMs: number
): Promise<void> {
  const { scheduler, pm } = core
  for (const job of scheduler.allWaiting()) await stopJob(core, job.jobId, reason)
  // What runs stops within timeoutMs, whatever is left then is killed at once.
  await pm.stopAll(reason, { timeoutMs })
  core.models.cancelAll() // their .part files stay: the next pull resumes
  // A last chance for outcomes the database refused earlier (the disk may have room now).
  pm.outcomes.flush()
  core.runner.dispose()
  await pm.dispose()
  await core.saver.close()
  core.store.close()
}

/** Resolves when every listed job has reached a final status (or no longer exists). */
export function waitForJobs(
  core: Pick<ServiceCore, 'rowOf' | 'hub'>,
  ids: number[]
): Promise<JobRow[]> {
  return new Promise((resolveAll) => {
    const check = (): boolean => {
      const rows = ids.map((id) => core.rowOf(id))
      if (rows.every((r) => !r || TERMINAL.has(r.status))) {
        off()
        resolveAll(rows.filter((r): r is JobRow => r !== null))
        return true
      }
      return false
    }
    const off = core.hub.on('job.updated', () => void check())
    check()
  })
}
