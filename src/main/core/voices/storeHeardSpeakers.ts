// The pipeline's `speakers` event into the database. Embeddings serve voice matching later; a
// database that refuses the write (a full disk) must not cost the job, so that is only logged.
import type Database from 'better-sqlite3'
import type { PipelineEvent } from '@shared/pipelineProtocol'
import { oneLineError } from '@shared/errors'
import { isDatabaseRefusal } from '../db/outcomes'
import { saveJobSpeakerEmbeddings } from './jobSpeakerEmbeddings'

export function storeHeardSpeakers(
  db: Database.Database,
  jobId: number,
  event: Extract<PipelineEvent, { type: 'speakers' }>
): void {
  try {
    saveJobSpeakerEmbeddings(db, jobId, event.model, event.speakers)
  } catch (error) {
    if (!isDatabaseRefusal(error)) throw error
    process.stderr.write(`job ${jobId}: speaker embeddings not saved: ${oneLineError(error)}\n`)
  }
}
