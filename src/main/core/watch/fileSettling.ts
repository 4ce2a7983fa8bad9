// A new or changed file is taken only once it has stopped growing: its size and mtime unchanged
// for `settleMs`. One still growing after `growingNoticeMs` is announced once.
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { enqueueTake } from './fileTake'
import type { LiveFolder, Settling, WatchRun } from './watchRun'

/** Starts watching a file settle (a file already settling keeps its clock). */
export function settle(l: LiveFolder, path: string): void {
  if (!l.settling.has(path)) {
    const now = Date.now()
    l.settling.set(path, { size: -1, mtimeMs: -1, since: now, firstSeen: now, announced: false })
  }
}

/** One look at a settling file: gone → dropped, changed → its clock restarts, settled → taken. */
export async function checkSettling(
  run: WatchRun,
  l: LiveFolder,
  path: string,
  s: Settling
): Promise<void> {
  const st = await stat(path).catch(() => null)
  const now = Date.now()
  if (!st?.isFile()) {
    l.settling.delete(path)
    return
  }
  if (st.size !== s.size || st.mtimeMs !== s.mtimeMs) {
    Object.assign(s, { size: st.size, mtimeMs: st.mtimeMs, since: now })
    const growingMs = run.o.growingNoticeMs ?? Math.max(30_000, run.o.settleMs * 10)
    if (!s.announced && now - s.firstSeen > growingMs) {
      s.announced = true
      run.o.log(
        `waiting   ${basename(path)}: still growing after ${Math.round((now - s.firstSeen) / 1000)} s`
      )
    }
    return
  }
  if (now - s.since < run.o.settleMs) return
  l.settling.delete(path)
  await enqueueTake(run, l, path)
}
