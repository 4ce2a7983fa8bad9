// `transcriptor models import PATH [--name NAME]`: copy a model file the user has into the models
// folder, after checking it is one of its kind (anything else is refused with one line saying
// what it is).
import { resolve } from 'node:path'
import { CLI_CLIENT, UsageError, oneArgumentCommand, stringOption, writeResult } from '../command'
import { MODEL_KINDS, type ModelKind } from '@shared/models'
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
    const { handlers } = ctx.service()
    const name = stringOption(values, 'name')
    const request = { path: resolve(path), name, kind: kind as ModelKind }
    const m = await handlers['models.import'](request, CLI_CLIENT)
    const what = kind === 'whisper' ? 'imported' : `imported ${kind} model`
    writeResult(ctx, m, `${m.name}: ${what}, ${formatBytes(m.bytes)} → ${m.path}`)
  }
})
export default modelsImport
