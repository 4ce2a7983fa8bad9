// A job's scratch folder (<dataDir>/tmp/job-N: decoded audio, cut chunks) belongs to the pipeline
// while it runs, and the pipeline removes it when it ends. A hard death (kill -9 of the pipeline
// or of the host) leaves it behind: the reaper, startup and the end of every job sweep such
// folders. What decides is ONE function, isWorkFolderNeeded. Resume's checkpoints live apart, in
// <dataDir>/work/job-N (core/paths jobWorkDir): the pipeline removes them when the job completes
// and deleting the job removes them, so a stopped or crashed job keeps what a resume reads.
import { readdirSync, rmSync } from 'node:fs'
import { isTerminalStatus, type JobRow } from '@shared/domain'
import type { JobRepository } from '../db/jobRepository'
import { dataPaths, jobTempDir } from '../paths'

const WORK_FOLDER = /^job-(\d+)$/

/**
 * Whether the job's work folder must stay. A job that may still run (queued, processing) keeps
 * it; a deleted job never does; a finished job keeps it only while it can be resumed from it.
 */
export function isWorkFolderNeeded(row: JobRow | null): boolean {
  if (!row) return false
  if (!isTerminalStatus(row.status)) return true
  return isResumableFromWorkFolder(row)
}

/** A resume reads checkpoints from work/job-N, never from the scratch folder: none is. */
function isResumableFromWorkFolder(_row: JobRow): boolean {
  return false
}

/** Removes the work folder of one job if it is no longer needed; true if it removed one. */
export function removeWorkFolderIfUnneeded(
  dataDir: string,
  row: JobRow | null,
  jobId: number
): boolean {
  if (isWorkFolderNeeded(row)) return false
  const dir = jobTempDir(dataDir, jobId)
  try {
    readdirSync(dir)
  } catch {
    return false
  }
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  return true
}

/** Sweeps every work folder under <dataDir>/tmp whose job no longer needs it; returns them. */
export function sweepWorkFolders(dataDir: string, repo: Pick<JobRepository, 'getJob'>): string[] {
  let entries: string[]
  try {
    entries = readdirSync(dataPaths(dataDir).tmp)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const entry of entries) {
    const match = WORK_FOLDER.exec(entry)
    if (!match) continue
    const jobId = Number(match[1])
    try {
      if (removeWorkFolderIfUnneeded(dataDir, repo.getJob(jobId), jobId))
        removed.push(jobTempDir(dataDir, jobId))
    } catch {
      // A folder we cannot remove (or a database we cannot read) now is tried again next sweep.
    }
  }
  return removed
}
