// A process's resident memory, read from /proc. A memory cap checked with a reader that answers 0
// when it cannot read would pass without measuring, so this one throws instead; only a process
// that has already exited (a sampler racing its end) is answered with null.
import { readFileSync } from 'node:fs'

/** Resident set size in kB, or null when the process no longer exists. */
export function rssKb(pid: number): number | null {
  let status: string
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new Error(`cannot read the memory of pid ${pid}: ${(err as Error).message}`)
  }
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]
  // A zombie has no VmRSS line: it is gone as far as memory goes.
  if (kb === undefined) {
    if (/^State:\s+Z/m.test(status)) return null
    throw new Error(`no VmRSS line in /proc/${pid}/status`)
  }
  return Number(kb)
}
