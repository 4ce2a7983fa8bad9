import { intOption, type Command } from '../command'
import { reapOrphans } from '../../core/process/orphanReaper'
import { sweepWorkFolders } from '../../core/process/workFolders'
import { applyPendingOutcomes } from '../../core/db/pendingOutcomes'
import { STOP_GRACE_MS } from '../../os/stopTimings'

const reap: Command = {
  name: 'reap',
  summary: 'clean up orphaned jobs once: kill their trees (identity-checked), mark them failed',
  usage: '[--timeout SECONDS]',
  options: { timeout: { type: 'string' } },
  run: async (ctx, { values }) => {
    const store = ctx.store()
    const settings = store.settings.get()
    if (!settings.processTracking) {
      ctx.write(ctx.json ? '[]\n' : 'process tracking is off in settings: nothing is reaped\n')
      return 0
    }
    const timeoutSeconds = intOption(values, 'timeout', 1, 86_400) ?? settings.orphanTimeoutSeconds
    // This process supervises nothing, so no row is "owned here".
    const results = await reapOrphans(store.jobs, {
      timeoutSeconds,
      heartbeatIntervalSeconds: settings.heartbeatIntervalSeconds,
      isOwnedHere: () => false,
      graceMs: STOP_GRACE_MS
    })
    const swept = sweepWorkFolders(ctx.dataDir, store.jobs)
    // Outcome slots the reaped jobs had reserved (kept outcomes were written when the store opened).
    applyPendingOutcomes(ctx.dataDir, store.jobs)
    if (ctx.json) {
      ctx.write(`${JSON.stringify(results, null, 2)}\n`)
    } else if (results.length === 0) {
      ctx.write('no orphaned jobs\n')
    } else {
      for (const r of results)
        ctx.write(
          `job ${r.jobId}: ${r.message}${r.marked ? '' : ' (status had already changed)'}\n`
        )
    }
    if (!ctx.json && swept.length > 0)
      ctx.write(`removed ${swept.length} work folder(s) of jobs that ended: ${swept.join(' ')}\n`)
    return results.some((r) => (r.kill?.survivors.length ?? 0) > 0) ? 1 : 0
  }
}
export default reap
