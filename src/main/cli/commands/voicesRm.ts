// `transcriptor voices rm NAME`: forget a saved voice (its embedding is deleted with it).
import { oneArgumentCommand, writeResult } from '../command'
import { VoiceRepository } from '../../core/voices/voiceRepository'

const voicesRm = oneArgumentCommand({
  name: 'voices rm',
  summary: 'delete a saved voice and its embedding',
  usage: 'NAME',
  run: (ctx, name) => {
    const voices = new VoiceRepository(ctx.store().db)
    const voice = voices.byName(name)
    if (!voice) throw new Error(`no saved voice is named “${name}”`)
    voices.delete(voice.id)
    writeResult(ctx, { removed: true, name: voice.name }, `${voice.name}: removed`)
  }
})
export default voicesRm
