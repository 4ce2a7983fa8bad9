// Which processes belong to a job's tree, from one process-table snapshot: the root (only if its
// identity still matches), the members of its process group (only if that group is still ours),
// and every live descendant of those by parent links (the ones that left the group by setsid).
// Stop, metrics, status and the pipeline's watchdog all use these, so "ours" means one thing.
import { groupMembers, type ProcessEntry, type ProcessSnapshot } from './processTable'

export interface JobTreeRef {
  jobId: number
  /** The job's top process (the pipeline). */
  rootPid: number | null
  /** Its start time when it was registered; the root is only ours if it still matches. */
  rootStartTime: string | null
  /** The job's process group (the root's pid when spawned detached). */
  pgid: number | null
}

type TreeIdentity = Pick<JobTreeRef, 'rootPid' | 'rootStartTime' | 'pgid'>

/** The process `pid` is alive (not a zombie) and is the one that started at `startTime`. */
export function isSameLive(snapshot: ProcessSnapshot, pid: number, startTime: string): boolean {
  const e = snapshot.get(pid)
  return e !== undefined && !e.zombie && e.startTime === startTime
}

/** The recorded root, when it is still alive and still the process that was recorded. */
export function rootOf(ref: TreeIdentity, snapshot: ProcessSnapshot): ProcessEntry | undefined {
  if (ref.rootPid === null || ref.rootStartTime === null) return undefined
  return isSameLive(snapshot, ref.rootPid, ref.rootStartTime)
    ? snapshot.get(ref.rootPid)
    : undefined
}

/**
 * Whether the recorded group id is still the job's group: the root is verified, or the root is
 * gone but the group still has members (the kernel never hands out a pid that is still some
 * group's id, so a populated group of a dead root is still that root's group). Never the
 * caller's own group, whatever a row says.
 */
export function groupIsOurs(ref: TreeIdentity, snapshot: ProcessSnapshot): boolean {
  if (ref.pgid === null || ref.pgid <= 1) return false
  if (snapshot.get(process.pid)?.pgid === ref.pgid) return false
  const root = ref.rootPid === null ? undefined : snapshot.get(ref.rootPid)
  if (root && !root.zombie) return rootOf(ref, snapshot) !== undefined
  return groupMembers(ref.pgid, snapshot).some((e) => !e.zombie)
}

/**
 * The one parent→children walk: every live descendant of `roots` by parent links, skipping the
 * pids `known` already holds (and what lies only below them is still reached through them).
 */
export function liveDescendants(
  roots: Iterable<number>,
  snapshot: ProcessSnapshot,
  known: (pid: number) => boolean = () => false
): ProcessEntry[] {
  const children = new Map<number, ProcessEntry[]>()
  for (const e of snapshot.values()) {
    const list = children.get(e.ppid)
    if (list) list.push(e)
    else children.set(e.ppid, [e])
  }
  const found: ProcessEntry[] = []
  const seen = new Set<number>(roots)
  const stack = [...seen]
  while (stack.length > 0) {
    const pid = stack.pop() as number
    for (const child of children.get(pid) ?? []) {
      if (child.zombie || seen.has(child.pid) || known(child.pid)) continue
      seen.add(child.pid)
      found.push(child)
      stack.push(child.pid)
    }
  }
  return found
}

/** Every live descendant of `rootPid` (not including it), in other groups or sessions too. */
export function descendantsOf(rootPid: number, snapshot: ProcessSnapshot): ProcessEntry[] {
  return liveDescendants([rootPid], snapshot)
}

/** The job's whole live tree right now, sorted by pid; [] when nothing of it is ours. */
export function collectJobTree(ref: JobTreeRef, snapshot: ProcessSnapshot): ProcessEntry[] {
  const found = new Map<number, ProcessEntry>()
  const root = rootOf(ref, snapshot)
  if (root) found.set(root.pid, root)
  if (ref.pgid !== null && groupIsOurs(ref, snapshot)) {
    for (const e of groupMembers(ref.pgid, snapshot)) if (!e.zombie) found.set(e.pid, e)
  }
  if (found.size === 0) return []
  for (const e of liveDescendants(found.keys(), snapshot)) found.set(e.pid, e)
  return [...found.values()].sort((a, b) => a.pid - b.pid)
}
