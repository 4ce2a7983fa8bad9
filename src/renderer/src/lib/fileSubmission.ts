// Turns dropped/picked files into paths the host can open: Electron gives the real path, the
// browser host uploads the bytes. Unsupported types are refused with a reason here; a folder is
// opened into its files first (folderIntake.ts).
import type { TranscriptorApi } from '@shared/ipc/api'
import { unsupportedReason } from './fileIntake'
import { oneLineError } from '@shared/errors'

export interface Candidate {
  file: File
  /** Known from the drop's entry; a picked file is never a folder. */
  isDirectory: boolean
  /** A dropped folder's entry: walked in the page when the host cannot list the folder. */
  entry?: FileSystemDirectoryEntry
  /** A file of a chosen folder: that folder's name (the first part of its relative path). */
  folder?: string
}

/** A folder neither the host nor the page can list (a drop without entries). */
export const FOLDER_REASON = 'is a folder this browser cannot open: use "Choose folder…" instead'

/** Must run inside the drop handler: DataTransfer items are gone once the event returns. */
export function candidatesFromDataTransfer(dt: DataTransfer): Candidate[] {
  const out: Candidate[] = []
  const items = Array.from(dt.items).filter((item) => item.kind === 'file')
  if (items.length > 0) {
    for (const item of items) {
      const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null
      const folder = entry?.isDirectory ? (entry as FileSystemDirectoryEntry) : undefined
      const file = item.getAsFile() ?? (folder ? new File([], folder.name) : null)
      if (!file) continue
      out.push({ file, isDirectory: folder !== undefined, entry: folder })
    }
    return out
  }
  return Array.from(dt.files).map((file) => ({ file, isDirectory: false }))
}

export function candidatesFromFileList(list: FileList | null): Candidate[] {
  return list ? Array.from(list).map((file) => ({ file, isDirectory: false })) : []
}

/** The files of a chosen folder (`webkitdirectory`): each knows its folder by its relative path. */
export function candidatesFromFolderList(list: FileList | null): Candidate[] {
  return candidatesFromFileList(list).map((c) => ({
    ...c,
    folder: c.file.webkitRelativePath.split('/')[0] || 'the chosen folder'
  }))
}

/** A folder dropped where entries are unavailable shows up as an empty, typeless File that cannot be read. */
async function looksLikeFolder(file: File): Promise<boolean> {
  if (file.size !== 0 || file.type !== '') return false
  try {
    await file.slice(0, 1).arrayBuffer()
    return false
  } catch {
    return true
  }
}

export async function fileToPath(
  api: TranscriptorApi,
  candidate: Candidate
): Promise<{ path: string } | { reason: string }> {
  const { file } = candidate
  if (candidate.isDirectory || (await looksLikeFolder(file))) return { reason: FOLDER_REASON }
  const unsupported = unsupportedReason(file.name, file.type)
  if (unsupported) return { reason: unsupported }
  if (file.size === 0) return { reason: 'the file is empty' }
  if (api.pathForFile) {
    const path = api.pathForFile(file)
    if (path) return { path }
    if (!api.uploadFile) return { reason: 'has no path on disk (was it dragged from another app?)' }
  }
  if (!api.uploadFile) return { reason: 'this host cannot receive files' }
  try {
    return { path: await api.uploadFile(file) }
  } catch (err) {
    return { reason: `upload failed: ${oneLineError(err)}` }
  }
}
