// `transcriptor models rm NAME`: delete an installed model (and any partial download of it).
import { writeResult, type Command } from '../command'
import { modelManagerFor } from '../../core/models/forDataDir'

const modelsRm: Command = {
  name: 'models rm',
  summary: 'delete an installed whisper model',
  usage: 'NAME',
  positionals: { min: 1, max: 1 },
  run: async (ctx, { positionals }) => {
    const manager = modelManagerFor(ctx.dataDir, () => '')
    const result = await manager.remove(positionals[0])
    writeResult(ctx, result, `${positionals[0]}: removed ${result.path}`)
    return 0
  }
}
export default modelsRm
