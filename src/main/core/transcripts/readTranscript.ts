// A job's transcript as the job page shows it: the stored one (with the user's edits). A job
// finished before transcripts moved into the database is read from its json file once and
// stored then.
import { parseOutputFiles, type JobRow } from '@shared/domain'
import { type Transcript } from '@shared/transcript'
import { readTranscriptFile } from './adoptOutputs'
import type { TranscriptRepository } from './transcriptRepository'

export function readTranscript(job: JobRow, transcripts: TranscriptRepository): Transcript | null {
  const stored = transcripts.get(job.id)
  if (stored) return stored.transcript
  const path = parseOutputFiles(job.output_files).json
  const fromFile = path ? readTranscriptFile(path) : null
  if (fromFile && job.status === 'completed') transcripts.storeOriginal(job.id, fromFile)
  return fromFile
}
