// A process's identity is (pid, OS start time), never the pid alone: PIDs are reused, so a row
// that outlived its process may point at an unrelated program that must never be signalled.
import { execFileSync } from 'node:child_process'
import { hasProcfs, readProcEntry } from './processTable'

/** Opaque start-time token of a live process, or null if it is gone (or cannot be read). */
export function readStartTime(pid: number): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null
  if (hasProcfs()) {
    const entry = readProcEntry(pid)
    return entry && !entry.zombie ? entry.startTime : null
  }
  if (process.platform === 'win32') return null
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C' }
    }).trim()
    return out ? out.replace(/\s+/g, ' ') : null
  } catch {
    return null
  }
}

/** Signal 0 probe: true while the pid exists (EPERM means it exists but is someone else's). */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  if (hasProcfs()) {
    const entry = readProcEntry(pid)
    return entry !== null && !entry.zombie
  }
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * True only when `pid` is alive AND started at `startTime`. Without a recorded start time the
 * answer is false: we cannot prove it is ours, so it is never treated as ours.
 */
export function isSameProcess(pid: number, startTime: string | null): boolean {
  if (startTime === null) return false
  const now = readStartTime(pid)
  return now !== null && now === startTime
}

/** The process group of a live pid (null if unknown). */
export function readPgid(pid: number): number | null {
  if (hasProcfs()) return readProcEntry(pid)?.pgid ?? null
  if (process.platform === 'win32') return null
  try {
    const out = execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim()
    return out ? Number(out) : null
  } catch {
    return null
  }
}
