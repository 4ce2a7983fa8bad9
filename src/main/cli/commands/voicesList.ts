// `transcriptor voices list [--json]`: the voices the user saved (names, embedding model, date).
import { CLI_CLIENT, type Command } from '../command'

const voicesList: Command = {
  name: 'voices list',
  summary: 'saved voices: the names later jobs give their matching speakers',
  usage: '',
  run: async (ctx) => {
    const voices = await ctx.service().handlers['voices.list']({}, CLI_CLIENT)
    if (ctx.json) {
      ctx.write(`${JSON.stringify(voices, null, 2)}\n`)
      return 0
    }
    if (voices.length === 0) ctx.write('no saved voices\n')
    const width = Math.max(0, ...voices.map((v) => v.name.length))
    for (const v of voices)
      ctx.write(`${v.name.padEnd(width)}  ${v.model}  ${new Date(v.createdAt).toISOString()}\n`)
    return 0
  }
}
export default voicesList
