// The files of a folder (and its subfolders when asked), as a watch or `transcribe DIR` takes
// them: regular files only, partial downloads, temporaries and hidden files left out.
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { isMediaName } from '@shared/mediaFiles'
import { isIgnoredName } from './watchRules'

export async function folderFiles(dir: string, recursive: boolean): Promise<string[]> {
  const found: string[] = []
  const pending = [dir]
  while (pending.length > 0) {
    const current = pending.pop() as string
    let entries
    try {
      entries = await readdir(current, { withFileTypes: true })
    } catch {
      continue // a subfolder that vanished or cannot be read: the rest is still taken
    }
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue
      const path = join(current, entry.name)
      if (entry.isDirectory() && recursive) pending.push(path)
      else if (entry.isFile()) found.push(path)
    }
  }
  return found.sort()
}

export interface ExpandedInputs {
  /** Files as given, and the media files found inside the folders given (recursively). */
  files: string[]
  /** Per folder given: how many media files it added and how many other files it skipped. */
  folders: { path: string; media: number; skipped: number }[]
}

/** Paths a user gave, a folder standing for every media file inside it (`transcribe DIR`). */
export async function expandFolders(paths: readonly string[]): Promise<ExpandedInputs> {
  const out: ExpandedInputs = { files: [], folders: [] }
  for (const path of paths) {
    const isFolder = await stat(path).then(
      (s) => s.isDirectory(),
      () => false
    )
    if (!isFolder) {
      out.files.push(path)
      continue
    }
    const inside = await folderFiles(path, true)
    const media = inside.filter((p) => isMediaName(p))
    out.files.push(...media)
    out.folders.push({ path, media: media.length, skipped: inside.length - media.length })
  }
  return out
}
