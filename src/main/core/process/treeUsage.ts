// CPU and memory of a set of processes with ONE batched pidusage call. pidusage reports 0 % on a
// process's first sample (it has no earlier reading to diff against), so callers that sample
// repeatedly discard each pid's first reading. pidusage.clear() is never called: it drops the
// history without closing the /proc fds it keeps (one per pid); `maxage` expiry closes them.
import pidusage from 'pidusage'
import type { ProcessInfo } from '../../../shared/domain'
import { commandLine, type ProcessEntry } from './processTable'

/** pidusage closes a pid's cached /proc fd this long after the pid was last sampled. */
const PIDUSAGE_MAXAGE_MS = 5000

export interface PidUsage {
  cpu: number
  memory: number
  elapsed: number
}

export async function usageOf(pids: number[]): Promise<Map<number, PidUsage>> {
  const out = new Map<number, PidUsage>()
  if (pids.length === 0) return out
  try {
    const stats = (await pidusage(pids, { maxage: PIDUSAGE_MAXAGE_MS })) as unknown as Record<
      string,
      PidUsage | undefined
    >
    for (const pid of pids) {
      const s = stats[String(pid)]
      if (s) out.set(pid, { cpu: s.cpu, memory: s.memory, elapsed: s.elapsed })
    }
  } catch {
    // A single pid that exited makes pidusage reject; several tolerate stragglers. Either way
    // a vanished process simply has no reading this tick.
  }
  return out
}

/** Command lines by identity, so the sampler reads /proc/<pid>/cmdline once per process. */
export class CommandCache {
  private readonly cache = new Map<string, string>()

  get(entry: ProcessEntry): string {
    const key = `${entry.pid}@${entry.startTime}`
    let cmd = this.cache.get(key)
    if (cmd === undefined) {
      cmd = commandLine(entry)
      this.cache.set(key, cmd)
    }
    return cmd
  }

  /** Drops processes that are not in `alive` any more. */
  retain(alive: Set<string>): void {
    for (const key of this.cache.keys()) if (!alive.has(key)) this.cache.delete(key)
  }
}

export const round1 = (n: number): number => Math.round(n * 10) / 10

export function toProcessInfo(
  entry: ProcessEntry,
  usage: PidUsage | undefined,
  command: string,
  cpuKnown: boolean
): ProcessInfo {
  return {
    pid: entry.pid,
    ppid: entry.ppid,
    command,
    cpuPercent: usage && cpuKnown ? round1(usage.cpu) : 0,
    memoryMb: usage ? round1(usage.memory / 1024 / 1024) : 0,
    elapsedSeconds: usage ? Math.round(usage.elapsed / 1000) : 0
  }
}
