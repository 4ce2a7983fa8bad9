// A job's output files are its own. Two jobs on files with the same name, writing into one shared
// folder, must not overwrite each other: each job claims a base name by creating every one of its
// files exclusively (O_EXCL, atomic on the filesystem, so two pipelines racing cannot both win).
// `talk.txt` is taken → `talk (2).txt`, and so on; all formats of one job share one base name.
import { closeSync, openSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { OutputFormat } from '@shared/domain'

/** Gives up after this many taken names (a folder with 1,000 `talk (n).txt` is not normal). */
const MAX_CANDIDATES = 1000
/** Bytes in one file name on Linux and macOS file systems (ext4, btrfs, APFS: 255). */
const NAME_MAX_BYTES = 255

export function candidateBase(base: string, attempt: number): string {
  return attempt === 1 ? base : `${base} (${attempt})`
}

/**
 * The base name cut (at a whole character) so that every name a job may claim, the longest
 * format with the last candidate's ` (1000)`, fits in one file name. An input named near the
 * limit would otherwise be transcribed in full and then fail on ENAMETOOLONG at the very end.
 * Two long names cut alike still get distinct files: the claim below numbers the second.
 */
export function fitBaseName(base: string, formats: readonly OutputFormat[]): string {
  const longestSuffix = Math.max(...formats.map((f) => f.length + 1), 0)
  const budget = NAME_MAX_BYTES - Buffer.byteLength(` (${MAX_CANDIDATES})`) - longestSuffix
  if (Buffer.byteLength(base) <= budget) return base
  let fitted = ''
  for (const char of base) {
    if (Buffer.byteLength(fitted + char) > budget) break
    fitted += char
  }
  return fitted.trimEnd() || 'transcript'
}

function createExclusive(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx'))
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  }
}

/**
 * Creates an empty placeholder for every format under the first free base name and returns the
 * paths; the caller then replaces each placeholder atomically with the real content. Synchronous
 * (a few exclusive creates): a caller that records the names in the same tick leaves a kill no
 * moment where the files are claimed but not recorded (core/watch/autoExport.ts).
 */
export function claimOutputNames(
  outputDir: string,
  baseName: string,
  formats: readonly OutputFormat[]
): Record<OutputFormat, string> {
  for (let attempt = 1; attempt <= MAX_CANDIDATES; attempt++) {
    const base = candidateBase(baseName, attempt)
    const paths = formats.map((f) => join(outputDir, `${base}.${f}`))
    const claimed: string[] = []
    for (const path of paths) {
      if (!createExclusive(path)) break
      claimed.push(path)
    }
    if (claimed.length === paths.length)
      return Object.fromEntries(formats.map((f, i) => [f, paths[i]])) as Record<
        OutputFormat,
        string
      >
    // Part of this name belongs to someone else: give back what we took and try the next name.
    for (const path of claimed) rmSync(path, { force: true })
  }
  throw new Error(`no free output name for ${baseName} in ${outputDir}`)
}
