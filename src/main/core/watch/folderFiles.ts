// The files of a folder (and its subfolders when asked), as a watch, `transcribe DIR` or a folder
// dropped on the window takes them: regular files only, partial downloads, temporaries and hidden
// files left out.
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { oneLineError } from '@shared/errors'
import type { FolderMedia } from '@shared/ipc/contract'
import { isIgnoredName, isMediaName } from '@shared/mediaFiles'

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

/**
 * A folder a user dropped on the window: its media files by `expandFolders`' rule, others counted.
 * Refused with a reason the window shows after the folder's name ("cannot be read: EACCES …").
 */
export async function mediaInFolder(path: string): Promise<FolderMedia> {
  const info = await stat(path).catch((err: unknown) => {
    throw new Error(`cannot be read: ${oneLineError(err)}`)
  })
  if (!info.isDirectory()) throw new Error('is not a folder')
  // Its subfolders may vanish or be unreadable (the rest is still taken), the folder itself not.
  await readdir(path).catch((err: unknown) => {
    throw new Error(`cannot be read: ${oneLineError(err)}`)
  })
  const { files, folders } = await expandFolders([path])
  return { files, skipped: folders[0]?.skipped ?? 0 }
}
