// Where a job's outputs live and how they are removed with it (the transcript is read back by
// transcripts/readTranscript).
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs'
import { basename, extname, isAbsolute, join, relative, sep } from 'node:path'
import { parseOutputFiles, type JobRow, type OutputFiles } from '@shared/domain'
import { dataPaths, jobOutputDir, jobTempDir, jobWorkDir } from '../paths'

export function outputDirFor(job: Pick<JobRow, 'id' | 'output_dir'>, dataDir: string): string {
  return job.output_dir ?? jobOutputDir(dataDir, job.id)
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
 * Removes the job's outputs, its log, its scratch and checkpoint folders and the upload it was
 * made from (a file the browser host stored under <dataDir>/uploads/<random>/); returns what was
 * removed. Missing files are fine. A file another job's row also names (it wrote the same path
 * after this one's file was gone) is no longer this job's to delete.
 */
export function removeJobFiles(
  job: JobRow,
  dataDir: string,
  o: { uploadStillUsed: boolean; ownedByOther: (path: string) => boolean }
): string[] {
  const removed: string[] = []
  const upload = o.uploadStillUsed ? null : uploadFolderOf(job, dataDir)
  for (const dir of [jobTempDir(dataDir, job.id), jobWorkDir(dataDir, job.id), upload]) {
    if (dir === null || !existsSync(dir)) continue
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
    removed.push(dir)
  }
  const paths = [...Object.values(outputFilesOf(job)), job.log_file_path].filter(
    (p): p is string => typeof p === 'string'
  )
  for (const path of paths) {
    if (!existsSync(path) || o.ownedByOther(path)) continue
    rmSync(path, { force: true })
    removed.push(path)
  }
  // The job's own outputs/<id> folder goes once empty; a folder the user chose is theirs.
  const own = jobOutputDir(dataDir, job.id)
  if (existsSync(own) && readdirSync(own).length === 0) {
    rmdirSync(own)
    removed.push(own)
  }
  return removed
}

/** The uploads/<random> folder holding the job's input, if the input is an upload. */
export function uploadFolderOf(job: Pick<JobRow, 'original_path'>, dataDir: string): string | null {
  const rel = relative(dataPaths(dataDir).uploads, job.original_path)
  const parts = rel.split(sep)
  if (rel.startsWith('..') || isAbsolute(rel) || parts.length !== 2) return null
  return join(dataPaths(dataDir).uploads, parts[0])
}
