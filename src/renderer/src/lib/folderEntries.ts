// The files inside a folder dropped on the page when the host cannot list it (the browser host gets
// no path): the drop's entries walked in the page, recursively, with the names
// src/main/core/watch/folderFiles.ts leaves out on disk (partial downloads, temporaries, hidden).
import { isIgnoredName } from '@shared/mediaFiles'

export interface EntryFile {
  file: File
  /** Where it sits inside the dropped folder, e.g. `day 2/talk.wav`. */
  path: string
}

/** readEntries answers a batch at a time (100 in Chromium): read until it returns an empty one. */
async function allEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader()
  const out: FileSystemEntry[] = []
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject)
    )
    if (batch.length === 0) return out
    out.push(...batch)
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File | null> {
  // A file that vanished since the drop is left out, like one gone before a folder is read on disk.
  return new Promise((resolve) => entry.file(resolve, () => resolve(null)))
}

/** Every file under the folder, sorted by path; a subfolder that cannot be read is passed over. */
export async function filesInEntry(root: FileSystemDirectoryEntry): Promise<EntryFile[]> {
  const found: EntryFile[] = []
  const pending = [{ dir: root, prefix: '' }]
  while (pending.length > 0) {
    const { dir, prefix } = pending.pop() as { dir: FileSystemDirectoryEntry; prefix: string }
    let entries: FileSystemEntry[]
    try {
      entries = await allEntries(dir)
    } catch (err) {
      if (dir === root) throw err
      continue
    }
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue
      const path = prefix + entry.name
      if (entry.isDirectory) {
        pending.push({ dir: entry as FileSystemDirectoryEntry, prefix: `${path}/` })
      } else if (entry.isFile) {
        const file = await fileOf(entry as FileSystemFileEntry)
        if (file) found.push({ file, path })
      }
    }
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
