// Turns dropped/picked files into paths the host can open: Electron gives the real path, the
// browser host uploads the bytes. Folders and unsupported types are refused with a reason here.
import type { TranscriptorApi } from '@shared/ipc/api'
import { unsupportedReason } from './fileIntake'
import { oneLineError } from '@shared/errors'

export interface Candidate {
  file: File
  /** Known from the drop's entry; a picked file is never a folder. */
  isDirectory: boolean
}

const FOLDER_REASON = 'is a folder: drop the audio or video files inside it instead'

/** Must run inside the drop handler: DataTransfer items are gone once the event returns. */
export function candidatesFromDataTransfer(dt: DataTransfer): Candidate[] {
  const out: Candidate[] = []
  const items = Array.from(dt.items).filter((item) => item.kind === 'file')
  if (items.length > 0) {
    for (const item of items) {
      const file = item.getAsFile()
      if (!file) continue
      const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null
      out.push({ file, isDirectory: entry?.isDirectory === true })
    }
    return out
  }
  return Array.from(dt.files).map((file) => ({ file, isDirectory: false }))
}

export function candidatesFromFileList(list: FileList | null): Candidate[] {
  return list ? Array.from(list).map((file) => ({ file, isDirectory: false })) : []
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
