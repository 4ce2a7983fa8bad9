// `transcriptor models pull NAME` | `models pull --url URL --sha1 HEX --name NAME`: download into
// the models folder with progress; Ctrl-C stops and leaves a .part the next pull resumes.
import { CLI_CLIENT, UsageError, stringOption, type Command } from '../command'
import { modelManagerFor } from '../../core/models/forDataDir'
import { formatBytes } from '@shared/byteText'
import { describeProgress, progressPrinter } from './progressBar'
import { findKindModel } from '../../core/models/kindCatalog'
import { pullOtherKind } from '../kindPull'
import { onStopSignal } from '../stopSignal'

const modelsPull: Command = {
  name: 'models pull',
  summary: 'download a whisper model (resumes, verifies SHA-1); Ctrl-C keeps a resumable .part',
  usage: 'NAME | --url URL --sha1 HEX --name NAME',
  positionals: { min: 0, max: 1 },
  options: { url: { type: 'string' }, sha1: { type: 'string' }, name: { type: 'string' } },
  run: async (ctx, { values, positionals }) => {
    const url = stringOption(values, 'url')
    const name = url ? stringOption(values, 'name') : positionals[0]
    if (url && (!stringOption(values, 'sha1') || !name || positionals.length > 0))
      throw new UsageError(
        'models pull --url needs --sha1 HEX and --name NAME (and no NAME argument)'
      )
    if (!url && !name)
      throw new UsageError("'models pull' needs NAME (see 'transcriptor models list')")
    const otherKind = !url && name ? findKindModel(name) : undefined
    if (otherKind) return pullOtherKind(ctx, otherKind)
    const printer = progressPrinter(process.stderr)
    const seen: { last: string | null } = { last: null }
    const { modelBaseUrl } = await ctx.service().handlers['settings.get']({}, CLI_CLIENT)
    const manager = modelManagerFor(
      ctx.dataDir,
      () => modelBaseUrl,
      (p) => {
        seen.last = describeProgress(p)
        if (!ctx.json) printer.update(p)
      }
    )
    const modelName = name as string
    const interrupted = onStopSignal(() => void manager.cancel(modelName))
    try {
      const path = await (url
        ? manager.pullUrl(url, stringOption(values, 'sha1') as string, modelName)
        : manager.pull(modelName))
      printer.end()
      const bytes = (await manager.installed()).find((m) => m.name === modelName)?.bytes ?? 0
      ctx.write(
        ctx.json
          ? `${JSON.stringify({ name: modelName, path, bytes })}\n`
          : `${modelName}: verified, ${formatBytes(bytes)} → ${path}\n`
      )
      return 0
    } catch (err) {
      printer.end()
      if ((err as Error).message === 'cancelled') {
        process.stderr.write(
          `transcriptor: ${modelName}: cancelled${seen.last ? ` at ${seen.last}` : ''}; run the same pull again to resume\n`
        )
        return 130
      }
      throw err
    } finally {
      interrupted.off()
    }
  }
}
export default modelsPull
