// Installing a finished .part: the SHA-1 of its bytes must match, the file must
// be a model of its kind (a whisper ggml model unless the request says otherwise: the check
// `models import` makes), then one atomic rename. A refusal
// removes the .part, so nothing that looks like a usable model stays behind.
import { promises as fs } from 'node:fs'
import { checkGgmlFile } from '../../engines/whisperWorker/ggmlFile'
import { DownloadError } from './downloadError'
import type { FileDigest } from './bodyHasher'
import { partPath, removeMeta, removePart, sizeOf } from './partFile'

export interface InstallTarget {
  name: string
  dest: string
  /** Lowercase hex; null = not verified. */
  sha1: string | null
  /** Why the file is not a model of its kind, or null; default: the whisper ggml check. */
  check?: (path: string) => string | null
}

function whisperProblem(path: string): string | null {
  const ggml = checkGgmlFile(path)
  return ggml.ok ? null : ggml.reason
}

async function refuse(t: InstallTarget, why: string): Promise<never> {
  await removePart(t.dest)
  throw new DownloadError(`${why}; the download was removed`)
}

export async function installPart(
  t: InstallTarget,
  digest: FileDigest,
  size: number
): Promise<void> {
  const part = partPath(t.dest)
  if (digest.bytes !== size || (await sizeOf(part)) !== size)
    await refuse(t, `${t.name}: the partial download changed while it was checked`)
  if (t.sha1 && digest.sha1 !== t.sha1)
    await refuse(t, `checksum mismatch for ${t.name}: expected SHA-1 ${t.sha1}, got ${digest.sha1}`)
  const problem = (t.check ?? whisperProblem)(part)
  if (problem) await refuse(t, `${t.name}: ${problem}`)
  await fs.rename(part, t.dest)
  await removeMeta(t.dest)
}
