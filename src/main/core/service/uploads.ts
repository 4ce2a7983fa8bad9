// What the browser host stores as uploads (<dataDir>/uploads/<random>/<name>) belongs to a job,
// or to a model import that removes its own copy (modelImport.ts). An upload that never became a
// job is removed: when jobs.create refuses the request it came with, and by a sweep at start for
// those a closed page or a crash left between the upload and its jobs.create.
import { readdir, rm, stat } from 'node:fs/promises'
import { join, sep } from 'node:path'
import type { JobRepository } from '../db/jobRepository'
import { dataPaths } from '../paths'
import { uploadFolderOf } from './jobOutputs'

/**
 * An upload younger than this may still be on its way to jobs.create (a slow page, or another
 * host on the same data dir): the sweep leaves it.
 */
export const UPLOAD_GRACE_MS = 60 * 60_000

/** Does a job (of any status) read its input from this uploads/<random> folder? */
export function uploadInUse(repo: Pick<JobRepository, 'listJobs'>, folder: string): boolean {
  // The search matches names and messages too: only a job whose input is inside counts.
  return repo.listJobs({ search: folder }).some((j) => j.original_path.startsWith(folder + sep))
}

/** Removes the uploads among `paths` that no job reads (the request carrying them was refused). */
export async function removeUnusedUploads(
  repo: Pick<JobRepository, 'listJobs'>,
  dataDir: string,
  paths: string[]
): Promise<void> {
  for (const path of paths) {
    const folder = uploadFolderOf({ original_path: path }, dataDir)
    if (folder && !uploadInUse(repo, folder)) await rm(folder, { recursive: true, force: true })
  }
}

/** When the folder or the file in it was last written (a long upload keeps writing its file). */
async function lastWritten(folder: string): Promise<number | null> {
  const info = await stat(folder).catch(() => null)
  if (!info?.isDirectory()) return null
  const files = await readdir(folder).catch(() => [] as string[])
  const times = await Promise.all(
    files.map((f) =>
      stat(join(folder, f)).then(
        (s) => s.mtimeMs,
        () => 0
      )
    )
  )
  return Math.max(info.mtimeMs, ...times)
}

/** Removes every upload older than the grace that no job reads; returns the folders removed. */
export async function sweepUploads(
  repo: Pick<JobRepository, 'listJobs'>,
  dataDir: string,
  now = Date.now()
): Promise<string[]> {
  const root = dataPaths(dataDir).uploads
  const names = await readdir(root).catch(() => [] as string[])
  const removed: string[] = []
  for (const name of names) {
    const folder = join(root, name)
    const touched = await lastWritten(folder)
    if (touched === null || now - touched < UPLOAD_GRACE_MS || uploadInUse(repo, folder)) continue
    await rm(folder, { recursive: true, force: true })
    removed.push(folder)
  }
  return removed
}
