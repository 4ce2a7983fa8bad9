// The rules of a watch folder, in one place: which folders may be watched (refused with a reason)
// and the export name a template gives. Which names are not taken yet (partial downloads,
// temporaries, hidden files) is `isIgnoredName` in src/shared/mediaFiles.ts.
import { constants } from 'node:fs'
import { access, realpath, stat } from 'node:fs/promises'
import { basename, extname, isAbsolute, relative, sep } from 'node:path'
import { oneLineError } from '@shared/errors'
import type { WatchFolder } from '@shared/watch'

/** Whether `inner` is `outer` or inside it. */
export function isInside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/** The folder's real path, or the one-line reason it cannot be watched. */
export async function watchableFolder(
  path: string
): Promise<{ real: string } | { problem: string }> {
  if (!isAbsolute(path)) return { problem: `${path}: not an absolute path` }
  try {
    const st = await stat(path)
    if (!st.isDirectory()) return { problem: `${path}: not a folder` }
    await access(path, constants.R_OK | constants.X_OK)
    return { real: await realpath(path) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { problem: `${path}: folder not found` }
    if (code === 'EACCES' || code === 'EPERM')
      return { problem: `${path}: permission denied, the folder cannot be read` }
    return { problem: `${path}: ${oneLineError(error)}` }
  }
}

/**
 * Why this folder cannot be watched beside the others, or null. Its own output folder inside it
 * (when recursive) or around it would loop; a folder watched twice would take each file twice.
 */
export function folderConflict(
  f: Pick<WatchFolder, 'path' | 'outputDir' | 'recursive'>,
  others: readonly Pick<WatchFolder, 'path' | 'recursive'>[]
): string | null {
  if (isInside(f.path, f.outputDir))
    return `${f.path} is inside its output folder ${f.outputDir}: its transcripts would be watched`
  if (f.recursive && isInside(f.outputDir, f.path))
    return `the output folder ${f.outputDir} is inside ${f.path}, which is watched with its subfolders`
  for (const o of others) {
    if (o.path === f.path) return `${f.path} is watched already`
    if (o.recursive && isInside(f.path, o.path))
      return `${f.path} is watched already, inside ${o.path} (with its subfolders)`
    if (f.recursive && isInside(o.path, f.path))
      return `${o.path} is watched already and is inside ${f.path}: remove it first`
  }
  return null
}

/** `{name}`, `{date}` (YYYY-MM-DD), `{engine}`, `{model}` filled in; no path separators. */
export function exportBaseName(
  template: string,
  input: string,
  job: { engine: string; model: string },
  when: Date
): string {
  const values: Record<string, string> = {
    name: basename(input, extname(input)),
    date: when.toISOString().slice(0, 10),
    engine: job.engine,
    model: job.model === '' ? 'default' : basename(job.model)
  }
  const filled = template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
  return filled.replace(/[/\\\0]/g, '_').trim() || 'transcript'
}
