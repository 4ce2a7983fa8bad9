// "Is that process still running?" as a user means it: a zombie (exited, waiting to be reaped by
// its parent or by init) is not running, though kill(pid, 0) still succeeds on it.
import { readFileSync } from 'node:fs'

export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && state !== 'X'
  } catch {
    return false
  }
}
