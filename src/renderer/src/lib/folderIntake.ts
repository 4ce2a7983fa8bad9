// What one drop or pick adds: loose files as they are; each folder's media files, recursively
// (listed by the host when it knows the folder's path, by the page from the drop's entries or a
// chosen folder's files otherwise), other files counted, not refused one by one. The folders
// are confirmed first (FolderDialog.tsx); one without media files says so in one line.
import type { TranscriptorApi } from '@shared/ipc/api'
import { oneLineError } from '@shared/errors'
import { isIgnoredName } from '@shared/mediaFiles'
import { unsupportedReason, type IntakeRejection } from './fileIntake'
import { FOLDER_REASON, type Candidate } from './fileSubmission'
import { filesInEntry } from './folderEntries'

/** One file to add: a File to resolve or upload (fileToPath), or a path the host listed. */
export type IntakeItem = Candidate | { path: string; name: string }

export interface FolderCount {
  name: string
  media: number
  skipped: number
}

export interface IntakePlan {
  items: IntakeItem[]
  /** The folders with media files among them: the user confirms these before anything is added. */
  folders: FolderCount[]
  /** Folders with nothing to add, or that cannot be read: one line each. */
  rejected: IntakeRejection[]
}

interface Listed {
  media: IntakeItem[]
  skipped: number
}

function isMedia(file: File): boolean {
  return unsupportedReason(file.name, file.type) === null
}

function sortOut(files: File[]): Listed {
  const media = files.filter(isMedia)
  return {
    media: media.map((file) => ({ file, isDirectory: false })),
    skipped: files.length - media.length
  }
}

/** A dropped folder's media files: the host lists it when it has a path, else the page walks it. */
async function listDropped(
  api: TranscriptorApi,
  candidate: Candidate
): Promise<Listed | { reason: string }> {
  const path = api.pathForFile?.(candidate.file)
  if (path) {
    try {
      const { files, skipped } = await api.files.expandFolder({ path })
      return { media: files.map((p) => ({ path: p, name: p.split(/[\\/]/).pop() ?? p })), skipped }
    } catch (err) {
      return { reason: oneLineError(err) }
    }
  }
  if (!candidate.entry) return { reason: FOLDER_REASON }
  try {
    return sortOut((await filesInEntry(candidate.entry)).map((f) => f.file))
  } catch (err) {
    return { reason: `cannot be read: ${oneLineError(err)}` }
  }
}

function addFolder(plan: IntakePlan, name: string, listed: Listed): void {
  if (listed.media.length === 0) {
    const others = `${listed.skipped} other file${listed.skipped === 1 ? '' : 's'}`
    const reason =
      listed.skipped > 0 ? `no audio or video files inside (only ${others})` : 'the folder is empty'
    plan.rejected.push({ name, reason })
    return
  }
  plan.items.push(...listed.media)
  plan.folders.push({ name, media: listed.media.length, skipped: listed.skipped })
}

/** Sorts a drop or pick into what to add and which folders to confirm (see the file's head). */
export async function planIntake(
  api: TranscriptorApi,
  candidates: readonly Candidate[]
): Promise<IntakePlan> {
  const plan: IntakePlan = { items: [], folders: [], rejected: [] }
  const chosen = new Map<string, File[]>()
  for (const candidate of candidates) {
    const { file, folder } = candidate
    if (folder !== undefined) {
      // The browser lists hidden and partial files too: the same names are left out as on disk.
      if (file.webkitRelativePath.split('/').some((part) => isIgnoredName(part))) continue
      const files = chosen.get(folder) ?? []
      if (files.length === 0) chosen.set(folder, files)
      files.push(file)
    } else if (!candidate.isDirectory) {
      plan.items.push(candidate)
    } else {
      const listed = await listDropped(api, candidate)
      if ('reason' in listed) plan.rejected.push({ name: file.name, reason: listed.reason })
      else addFolder(plan, file.name, listed)
    }
  }
  for (const [name, files] of chosen) addFolder(plan, name, sortOut(files))
  return plan
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`
}

/** The confirmation: "Add 37 media files from Interviews?" and what is skipped or added beside. */
export function folderQuestion(plan: IntakePlan): { title: string; message: string } {
  const { folders } = plan
  const media = folders.reduce((sum, f) => sum + f.media, 0)
  const skipped = folders.reduce((sum, f) => sum + f.skipped, 0)
  const loose = plan.items.length - media
  const [first, second] = folders.map((f) => f.name)
  const from =
    folders.length === 1
      ? first
      : folders.length === 2
        ? `${first} and ${second}`
        : `${first} and ${folders.length - 1} other folders`
  const message = [
    skipped > 0 ? `${count(skipped, 'other file')} skipped.` : 'Nothing else inside.',
    loose > 0
      ? `Plus ${count(loose, 'file')} dropped beside ${folders.length === 1 ? 'it' : 'them'}.`
      : '',
    'Each file becomes its own job.'
  ]
  return {
    title: `Add ${count(media, 'media file')} from ${from}?`,
    message: message.filter((part) => part !== '').join(' ')
  }
}
