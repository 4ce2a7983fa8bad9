// `transcriptor models rm NAME`: delete an installed model (and any partial download of it).
import { CLI_CLIENT, oneArgumentCommand, writeResult } from '../command'

const modelsRm = oneArgumentCommand({
  name: 'models rm',
  summary: 'delete an installed whisper model',
  usage: 'NAME',
  run: async (ctx, name) => {
    const result = await ctx.service().handlers['models.delete']({ name }, CLI_CLIENT)
    writeResult(ctx, result, `${name}: removed ${result.path}`)
  }
})
export default modelsRm
