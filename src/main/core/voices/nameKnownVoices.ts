// As a job completes (before its transcript moves into the database, see serviceCore's `adopt`),
// each of its speakers whose voice the user saved takes that voice's name: in the json the
// database takes in as the engine's transcript, and in every other file the job wrote (the same
// rewrite an edit uses, so a file changed meanwhile is left alone). Best effort: a failure here
// costs the names, never the job's outcome or its files.
import type Database from 'better-sqlite3'
import type { JobRow, OutputFiles } from '@shared/domain'
import { renameSpeakers } from '@shared/speakerEdits'
import { readTranscriptFile } from '../transcripts/adoptOutputs'
import { rewriteOutputs } from '../transcripts/rewriteOutputs'
import { jobSpeakerEmbeddings } from './jobSpeakerEmbeddings'
import { matchVoices } from './voiceMatch'
import { VoiceRepository } from './voiceRepository'

export interface VoiceNamingDeps {
  db: Database.Database
  /** settings.voiceMatchThreshold, read when the job completes. */
  threshold: () => number
  /** A path another job's row names is that job's file (rewriteOutputs leaves it). */
  ownedByOther: (jobId: number, path: string) => boolean
}

/** Names the job's known voices in its files; returns speaker id → name of those it named. */
export function nameKnownVoices(
  deps: VoiceNamingDeps,
  job: Pick<JobRow, 'id'>,
  outputs: OutputFiles
): Map<string, string> {
  const none = new Map<string, string>()
  try {
    if (!outputs.json) return none
    const heard = jobSpeakerEmbeddings(deps.db, job.id)
    if (heard.length === 0) return none
    const prints = new VoiceRepository(deps.db).prints()
    if (prints.length === 0) return none
    const names = matchVoices(heard, prints, deps.threshold())
    const before = names.size > 0 ? readTranscriptFile(outputs.json) : null
    if (!before?.speakers) return none
    const after = renameSpeakers(before, names)
    rewriteOutputs(outputs, before, after, (path) => deps.ownedByOther(job.id, path))
    return names
  } catch {
    return none
  }
}
