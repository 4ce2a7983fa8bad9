// Finding a folder's files: a full scan (at start, when a subfolder appears, when the folder
// comes back or is replaced, on each poll while change events cannot be had), the OS events of a
// live folder, and the folder's presence (an unmounted disk pauses it). What is found starts
// settling (fileSettling.ts); a file already taken with the same size and mtime is left alone.
import { stat } from 'node:fs/promises'
import { dirname, relative, sep } from 'node:path'
import { isIgnoredName } from '@shared/mediaFiles'
import { folderFiles } from './folderFiles'
import { settle } from './fileSettling'
import { vanished } from './watchRecovery'
import type { WatchFileRow } from './watchRepository'
import type { LiveFolder, WatchRun } from './watchRun'

export async function scan(run: WatchRun, l: LiveFolder): Promise<void> {
  if (l.watch?.isMissing) return
  for (const path of await folderFiles(l.folder.path, l.folder.recursive)) {
    const row = run.o.repo.file(l.folder.id, path)
    if (row && (await unchanged(row))) continue
    settle(l, path)
  }
}

async function unchanged(row: WatchFileRow): Promise<boolean> {
  const st = await stat(row.path).catch(() => null)
  return st !== null && st.size === row.size && Math.trunc(st.mtimeMs) === row.mtime_ms
}

/** One OS event in a watched folder. */
export function changed(
  run: WatchRun,
  l: LiveFolder,
  path: string,
  kind: 'create' | 'update' | 'delete'
): void {
  if (!l.folder.recursive && dirname(path) !== l.folder.path) return
  // Only the names below the folder: one inside a hidden folder (~/.local/share/…, a TMPDIR under
  // a dot-folder) is still watched, as its first scan (folderFiles.ts) already treats it.
  const below = relative(l.folder.path, path).split(sep)
  if (below.some((part) => isIgnoredName(part))) return
  if (kind === 'delete') {
    l.settling.delete(path)
    void vanished(run, l, path)
    return
  }
  void stat(path).then(
    (st) => (st.isDirectory() ? scan(run, l) : st.isFile() ? settle(l, path) : undefined),
    () => undefined
  )
}

/**
 * The folder went away (nothing settles until it is back), came back, or another folder stands at
 * its path now (a disk mounted again on its mount point): the last two are scanned again.
 */
export function presence(run: WatchRun, l: LiveFolder, change: 'gone' | 'back' | 'replaced'): void {
  const path = l.folder.path
  if (change === 'gone') {
    l.settling.clear()
    run.o.log(
      `paused    ${path}: the folder is gone (disk unmounted or share down?); watching resumes when it returns`
    )
    return
  }
  run.o.log(
    change === 'back'
      ? `resumed   ${path}: the folder is back`
      : `replaced  ${path}: another folder is at this path now (disk mounted again?); watching it`
  )
  void scan(run, l)
}

/** What a folder polled for want of change events says, in the log and its status. */
export function pollingLine(reason: string): string {
  return `no change events from the system, looking for new files every few seconds: ${reason}`
}

/** Change events could not be had (the folder is polled meanwhile) or hold again. */
export function polling(run: WatchRun, l: LiveFolder, reason: string | null): void {
  run.o.log(
    reason === null
      ? `watching  ${l.folder.path}: change events work again`
      : `polling   ${l.folder.path}: ${pollingLine(reason)}`
  )
}
