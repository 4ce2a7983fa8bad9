// `transcriptor models import PATH [--name NAME]`: copy a ggml file the user has into the models
// folder, after checking it is one (anything else is refused with one line saying what it is).
import { resolve } from 'node:path'
import { UsageError, oneArgumentCommand, stringOption, writeResult } from '../command'
import { MODEL_KINDS } from '@shared/models'
import { dataPaths } from '../../core/paths'
import { importKindModel, type OtherKind } from '../../core/models/kindModels'
import { modelManagerFor } from '../../core/models/forDataDir'
import { formatBytes } from '@shared/byteText'

const modelsImport = oneArgumentCommand({
  name: 'models import',
  summary: 'copy a model file into the models folder (validated first; --kind: what it is for)',
  usage: 'PATH [--kind whisper|vad|segmentation|embedding] [--name NAME]',
  options: { name: { type: 'string' }, kind: { type: 'string' } },
  run: async (ctx, path, values) => {
    const kind = stringOption(values, 'kind') ?? 'whisper'
    if (!(MODEL_KINDS as readonly string[]).includes(kind))
      throw new UsageError(`--kind takes ${MODEL_KINDS.join('|')}, got '${kind}'`)
    if (kind !== 'whisper') {
      const modelsDir = dataPaths(ctx.dataDir).models
      const name = stringOption(values, 'name')
      const m = await importKindModel(modelsDir, resolve(path), kind as OtherKind, name)
      writeResult(ctx, m, `${m.name}: imported ${kind} model, ${formatBytes(m.bytes)} → ${m.path}`)
      return
    }
    const manager = modelManagerFor(ctx.dataDir, () => '')
    const model = await manager.importFile(resolve(path), stringOption(values, 'name'))
    writeResult(ctx, model, `${model.name}: imported, ${formatBytes(model.bytes)} → ${model.path}`)
  }
})
export default modelsImport
