// `transcriptor voices rm NAME`: forget a saved voice (its embedding is deleted with it).
import { sameVoiceName } from '@shared/voices'
import { CLI_CLIENT, oneArgumentCommand, writeResult } from '../command'

const voicesRm = oneArgumentCommand({
  name: 'voices rm',
  summary: 'delete a saved voice and its embedding',
  usage: 'NAME',
  run: async (ctx, name) => {
    const { handlers } = ctx.service()
    const voice = (await handlers['voices.list']({}, CLI_CLIENT)).find((v) =>
      sameVoiceName(v.name, name)
    )
    if (!voice) throw new Error(`no saved voice is named “${name}”`)
    await handlers['voices.delete']({ id: voice.id }, CLI_CLIENT)
    writeResult(ctx, { removed: true, name: voice.name }, `${voice.name}: removed`)
  }
})
export default voicesRm
