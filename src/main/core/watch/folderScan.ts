// Finding a folder's files: a full scan (at start, when a subfolder appears, when the folder
// comes back), the OS events of a live folder, and the folder's presence (an unmounted disk
// pauses it). What is found starts settling (fileSettling.ts); a file already taken with the same
// size and mtime is left alone.
import { stat } from 'node:fs/promises'
import { dirname } from 'node:path'
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
  if (path.split('/').some((part) => part !== '' && isIgnoredName(part))) return
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

/** The folder went away (nothing settles until it is back) or came back (scanned again). */
export function presence(run: WatchRun, l: LiveFolder, missing: boolean): void {
  if (missing) {
    l.settling.clear()
    run.o.log(
      `paused    ${l.folder.path}: the folder is gone (disk unmounted or share down?); watching resumes when it returns`
    )
  } else {
    run.o.log(`resumed   ${l.folder.path}: the folder is back`)
    void scan(run, l)
  }
}
