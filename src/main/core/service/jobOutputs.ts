// Where a job's outputs live and how they are read back (transcript view, delete).
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { parseOutputFiles, type JobRow, type OutputFiles, type Transcript } from '@shared/domain'

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

export function readTranscript(job: JobRow): Transcript | null {
  const path = outputFilesOf(job).json
  if (!path || !existsSync(path)) return null
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Transcript>
  return { durationSeconds: parsed.durationSeconds ?? 0, segments: parsed.segments ?? [] }
}

/** Removes the job's outputs and log; returns what was removed. Missing files are fine. */
export function removeJobFiles(job: JobRow): string[] {
  const removed: string[] = []
  const paths = [...Object.values(outputFilesOf(job)), job.log_file_path].filter(
    (p): p is string => typeof p === 'string'
  )
  for (const path of paths) {
    if (!existsSync(path)) continue
    rmSync(path, { force: true })
    removed.push(path)
  }
  return removed
}
