// Which processes belong to a job right now: the root (only if its identity still matches), the
// members of its process group, and every descendant of those by parent links (setsid leavers).
import { groupMembers, type ProcessEntry, type ProcessSnapshot } from '../../os/processTable'

export interface JobTreeRef {
  jobId: number
  rootPid: number | null
  rootStartTime: string | null
  pgid: number | null
}

export function collectJobTree(ref: JobTreeRef, snapshot: ProcessSnapshot): ProcessEntry[] {
  const found = new Map<number, ProcessEntry>()
  const root = ref.rootPid === null ? undefined : snapshot.get(ref.rootPid)
  const rootOurs =
    root !== undefined &&
    !root.zombie &&
    ref.rootStartTime !== null &&
    root.startTime === ref.rootStartTime
  if (root && rootOurs) found.set(root.pid, root)
  // The group is ours if the root is, or if the root is gone and the group still has members
  // (a pid is never handed out while it is still some group's id).
  const groupOurs =
    (rootOurs || (ref.pgid !== null && (root === undefined || root.zombie))) &&
    snapshot.get(process.pid)?.pgid !== ref.pgid
  if (groupOurs && ref.pgid !== null) {
    for (const e of groupMembers(ref.pgid, snapshot)) if (!e.zombie) found.set(e.pid, e)
  }
  if (found.size === 0) return []
  const children = new Map<number, ProcessEntry[]>()
  for (const e of snapshot.values()) {
    const list = children.get(e.ppid)
    if (list) list.push(e)
    else children.set(e.ppid, [e])
  }
  const queue = [...found.keys()]
  while (queue.length > 0) {
    const pid = queue.pop() as number
    for (const child of children.get(pid) ?? []) {
      if (child.zombie || found.has(child.pid)) continue
      found.set(child.pid, child)
      queue.push(child.pid)
    }
  }
  return [...found.values()].sort((a, b) => a.pid - b.pid)
}
