// The voices channels: list, rename, delete the voices the user saved, and "Remember this voice"
// on a finished job's speaker (its centroid embedding saved under the name). Only names, models
// and dates cross IPC; embeddings stay in the database.
import type Database from 'better-sqlite3'
import type { RequestHandlers } from '@shared/ipc/contract'
import { jobSpeakerEmbeddings } from './jobSpeakerEmbeddings'
import { VoiceRepository } from './voiceRepository'

type VoiceChannels =
  'voices.list' | 'voices.heard' | 'voices.remember' | 'voices.rename' | 'voices.delete'

export function voiceHandlers(
  db: Database.Database,
  mustGet: (jobId: number) => unknown
): Pick<RequestHandlers, VoiceChannels> {
  const voices = new VoiceRepository(db)
  return {
    'voices.list': async () => voices.list(),
    'voices.heard': async ({ id }) => {
      mustGet(id)
      return jobSpeakerEmbeddings(db, id).map(({ speakerId, model, seconds }) => ({
        speakerId,
        model,
        seconds
      }))
    },
    'voices.remember': async ({ jobId, speakerId, name }) => {
      mustGet(jobId)
      return voices.remember(jobId, speakerId, name)
    },
    'voices.rename': async ({ id, name }) => voices.rename(id, name),
    'voices.delete': async ({ id }) => ({ removed: voices.delete(id) })
  }
}
