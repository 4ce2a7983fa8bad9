// `models pull NAME` for a model of another kind (vad, segmentation, embedding): downloaded into
// its kind's folder and verified, with the same progress line as a whisper model.
import { formatBytes } from '@shared/byteText'
import { dataPaths } from '../core/paths'
import type { KindCatalogModel } from '../core/models/kindCatalog'
import { pullKindModel } from '../core/models/kindModels'
import type { CommandContext } from './command'
import { progressPrinter } from './commands/progressBar'
import { onStopSignal } from './stopSignal'
import { statSync } from 'node:fs'

export async function pullOtherKind(ctx: CommandContext, model: KindCatalogModel): Promise<number> {
  const printer = progressPrinter(process.stderr)
  const controller = new AbortController()
  const interrupted = onStopSignal(() => controller.abort())
  try {
    const path = await pullKindModel(
      dataPaths(ctx.dataDir).models,
      model,
      controller.signal,
      (p) => {
        if (!ctx.json) printer.update(p)
      }
    )
    printer.end()
    const bytes = statSync(path).size
    ctx.write(
      ctx.json
        ? `${JSON.stringify({ name: model.name, kind: model.kind, path, bytes })}\n`
        : `${model.name}: verified ${model.kind} model, ${formatBytes(bytes)} → ${path}\n`
    )
    return 0
  } finally {
    printer.end()
    interrupted.off()
  }
}
