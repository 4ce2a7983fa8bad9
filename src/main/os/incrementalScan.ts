// The metrics sampler's process-table pass, made cheap for a once-a-second loop: processes that
// were unrelated to every watched tree at the last tick keep their previous entry (they cannot
// become a descendant of a tree: orphans are reparented to init, not to us), so each tick reads
// /proc/<pid>/stat only for tree members and pids that are new since the last tick. Every
// FULL_EVERY ticks all entries are re-read, bounding how long a pid reused within one tick
// could be mistaken for its old, unrelated owner. killTree never uses this: it always re-reads.
import {
  hasProcfs,
  readProcessTable,
  readProcfsTable,
  type ProcessEntry,
  type ProcessSnapshot
} from './processTable'

const FULL_EVERY = 10

export class IncrementalScanner {
  private unrelated = new Map<number, ProcessEntry>()
  private ticks = 0

  /** A snapshot of every process (null where there is no process table). */
  scan(): ProcessSnapshot | null {
    if (!hasProcfs()) return readProcessTable()
    const reuse =
      this.ticks++ % FULL_EVERY === 0 ? undefined : (pid: number) => this.unrelated.get(pid)
    return readProcfsTable(reuse)
  }

  /** After the trees were found: everything else is skipped at the next tick. */
  remember(snapshot: ProcessSnapshot, members: Set<number>): void {
    const unrelated = new Map<number, ProcessEntry>()
    for (const [pid, e] of snapshot) if (!members.has(pid) && !e.zombie) unrelated.set(pid, e)
    this.unrelated = unrelated
  }
}
