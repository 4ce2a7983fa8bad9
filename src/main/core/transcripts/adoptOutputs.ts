// When a job completes, its transcript moves into the database (so the job page, edits, exports
// and History search never depend on which formats the user ticked). The pipeline is always asked
// for json; when the user did not want a json file, it is removed once stored.
import { existsSync, readFileSync, rmSync } from 'node:fs'
import type { JobRow, OutputFiles, OutputFormat } from '@shared/domain'
import type { Transcript } from '@shared/transcript'
import type { TranscriptRepository } from './transcriptRepository'

export function readTranscriptFile(path: string): Transcript | null {
  if (!existsSync(path)) return null
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Transcript>
    // language and task kept: the stored original must render back to the very file it came
    // from, or an edit could not tell the engine's file from one a user changed (rewriteOutputs).
    return {
      durationSeconds: parsed.durationSeconds ?? 0,
      segments: parsed.segments ?? [],
      ...(parsed.language !== undefined && { language: parsed.language }),
      ...(parsed.task !== undefined && { task: parsed.task }),
      ...(parsed.speakers !== undefined && { speakers: parsed.speakers }),
      ...(parsed.gaps !== undefined && { gaps: parsed.gaps })
    }
  } catch {
    return null
  }
}

/** The formats the pipeline writes: the user's, plus json (read back into the database). */
export function formatsToWrite(wanted: readonly OutputFormat[]): OutputFormat[] {
  return wanted.includes('json') ? [...wanted] : [...wanted, 'json']
}

/** Stores the transcript and returns the outputs the user asked for (an unasked json removed). */
export function adoptOutputs(
  job: Pick<JobRow, 'id' | 'formats'>,
  outputs: OutputFiles,
  transcripts: TranscriptRepository
): OutputFiles {
  const jsonPath = outputs.json
  if (!jsonPath) return outputs
  const transcript = readTranscriptFile(jsonPath)
  if (transcript) transcripts.storeOriginal(job.id, transcript)
  if (job.formats.split(',').includes('json') || !transcript) return outputs
  rmSync(jsonPath, { force: true })
  const kept = { ...outputs }
  delete kept.json
  return kept
}
