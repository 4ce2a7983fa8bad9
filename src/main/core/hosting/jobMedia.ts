// The file both hosts' media routes play: a job's recorded input, opened only if it is still what
// was transcribed. A symbolic link on its path is trusted only if it is older than the job: an
// input the user gave as a link (a library folder linked into ~/Music, a "latest.mp3") is what was
// transcribed and plays; a link made after the job (the input replaced by a link to a private
// file) is refused, so a token holder cannot read other files through the route. A link's change
// time (ctime) is set by the kernel when it is made or moved and cannot be set back by a user.
import { lstat } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { JobRow } from '@shared/domain'
import { NotRegularFileError, openRegularFile } from '../../os/regularFile'

export type JobMedia =
  { ok: true; handle: FileHandle; size: number } | { ok: false; status: 403 | 404; reason: string }

/** The path and each folder above it, the path first. */
function pathAndParents(path: string): string[] {
  const out = [path]
  for (let dir = dirname(path); dir !== out[out.length - 1]; dir = dirname(dir)) out.push(dir)
  return out
}

/** The first symbolic link on `path` made after `since` (ms), or null. */
async function newerLink(path: string, since: number): Promise<string | null> {
  for (const part of pathAndParents(path)) {
    const stats = await lstat(part)
    if (stats.isSymbolicLink() && stats.ctimeMs > since) return part
  }
  return null
}

/** Opens a job's input for playing; the caller closes the handle (a read stream does). */
export async function openJobMedia(job: JobRow): Promise<JobMedia> {
  const path = job.original_path
  try {
    const link = await newerLink(path, job.created_at)
    if (link)
      return { ok: false, status: 403, reason: `${link} became a link after the job was created` }
    const { handle, stats } = await openRegularFile(path)
    return { ok: true, handle, size: stats.size }
  } catch (err) {
    if (err instanceof NotRegularFileError) return { ok: false, status: 404, reason: err.message }
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { ok: false, status: 404, reason: 'the original file of this job is gone' }
    throw err
  }
}
