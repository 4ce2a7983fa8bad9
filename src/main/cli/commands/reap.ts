import { CLI_CLIENT, intOption, type Command } from '../command'

const reap: Command = {
  name: 'reap',
  summary: 'clean up orphaned jobs once: kill their trees (identity-checked), mark them failed',
  usage: '[--timeout SECONDS]',
  options: { timeout: { type: 'string' } },
  run: async (ctx, { values }) => {
    const service = ctx.service()
    const settings = await service.handlers['settings.get']({}, CLI_CLIENT)
    if (!settings.processTracking) {
      ctx.write(ctx.json ? '[]\n' : 'process tracking is off in settings: nothing is reaped\n')
      return 0
    }
    const timeoutSeconds = intOption(values, 'timeout', 1, 86_400) ?? settings.orphanTimeoutSeconds
    // This process supervises nothing, so no row is "owned here".
    const { reaped: results, sweptFolders: swept } = await service.reap(timeoutSeconds)
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
