// `transcriptor models rm NAME`: delete an installed model (and any partial download of it).
import { oneArgumentCommand, writeResult } from '../command'
import { modelManagerFor } from '../../core/models/forDataDir'

const modelsRm = oneArgumentCommand({
  name: 'models rm',
  summary: 'delete an installed whisper model',
  usage: 'NAME',
  run: async (ctx, name) => {
    const result = await modelManagerFor(ctx.dataDir, () => '').remove(name)
    writeResult(ctx, result, `${name}: removed ${result.path}`)
  }
})
export default modelsRm
