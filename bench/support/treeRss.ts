// Resident memory of a whole process tree (the pipeline, ffmpeg, engine workers), read from /proc:
// the figure benches compare, since a user's machine pays for every process a job starts.
import { readdirSync, readFileSync } from 'node:fs'

/** Sum of VmRSS over `root` and all its descendants, from one pass over /proc, in kB. */
export function treeRssKb(root: number): number {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // Gone while scanning.
    }
  }
  let total = 0
  const stack = [root]
  while (stack.length > 0) {
    const pid = stack.pop() as number
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      total += rss ? Number(rss[1]) : 0
    } catch {
      // Gone.
    }
    stack.push(...(children.get(pid) ?? []))
  }
  return total
}
