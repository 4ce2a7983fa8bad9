// Where a job's outputs live and how they are read back (transcript view, delete).
import { existsSync, rmSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { parseOutputFiles, type JobRow, type OutputFiles, type Transcript } from '@shared/domain'
import { readTranscriptFile } from '../transcripts/adoptOutputs'
import type { TranscriptRepository } from '../transcripts/transcriptRepository'

export function outputDirFor(job: Pick<JobRow, 'id' | 'output_dir'>, dataDir: string): string {
  return job.output_dir ?? join(dataDir, 'outputs', String(job.id))
}

/** Output files are named after the input, so `talk.mp3` gives `talk.txt`, `talk.srt`, … */
export function outputBaseName(filename: string): string {
  const stem = basename(filename, extname(filename)).trim()
  return stem.length > 0 ? stem : 'transcript'
}

export function outputFilesOf(job: Pick<JobRow, 'output_files'>): OutputFiles {
  return parseOutputFiles(job.output_files)
}

/**
 * What the job page shows: the stored transcript (with the user's edits). A job finished before
 * transcripts moved into the database is read from its json file once and stored then.
 */
export function readTranscript(job: JobRow, transcripts: TranscriptRepository): Transcript | null {
  const stored = transcripts.get(job.id)
  if (stored) return stored.transcript
  const path = outputFilesOf(job).json
  const fromFile = path ? readTranscriptFile(path) : null
  if (fromFile && job.status === 'completed') transcripts.storeOriginal(job.id, fromFile)
  return fromFile
}

/**
 * Removes the job's outputs and log; returns what was removed. Missing files are fine. A file
 * another job's row also names (it wrote the same path after this one's file was gone) is no
 * longer this job's to delete.
 */
export function removeJobFiles(job: JobRow, ownedByOther: (path: string) => boolean): string[] {
  const removed: string[] = []
  const paths = [...Object.values(outputFilesOf(job)), job.log_file_path].filter(
    (p): p is string => typeof p === 'string'
  )
  for (const path of paths) {
    if (!existsSync(path) || ownedByOther(path)) continue
    rmSync(path, { force: true })
    removed.push(path)
  }
  return removed
}
