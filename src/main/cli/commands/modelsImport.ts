// `transcriptor models import PATH [--name NAME]`: copy a ggml file the user has into the models
// folder, after checking it is one (anything else is refused with one line saying what it is).
import { resolve } from 'node:path'
import { oneArgumentCommand, stringOption, writeResult } from '../command'
import { modelManagerFor } from '../../core/models/forDataDir'
import { formatBytes } from '@shared/byteText'

const modelsImport = oneArgumentCommand({
  name: 'models import',
  summary: 'copy a whisper ggml model file into the models folder (validated first)',
  usage: 'PATH [--name NAME]',
  options: { name: { type: 'string' } },
  run: async (ctx, path, values) => {
    const manager = modelManagerFor(ctx.dataDir, () => '')
    const model = await manager.importFile(resolve(path), stringOption(values, 'name'))
    writeResult(ctx, model, `${model.name}: imported, ${formatBytes(model.bytes)} → ${model.path}`)
  }
})
export default modelsImport
