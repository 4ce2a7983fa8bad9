// CPU and memory of a set of processes. A CPU rate needs two readings, so each process's first
// reading has no CPU figure (callers discard it: pidusage would report a meaningless 0 %).
//
// On Linux the numbers come from the process-table pass itself (/proc/<pid>/stat already holds
// utime+stime, rss and start time), diffed against this reader's previous tick. Reading the same
// files again through pidusage cost more than the whole 1 %-of-a-core budget for 60 processes
// on this 2-core machine (measured in bench/metrics.bench.ts). Elsewhere: ONE batched pidusage
// call per tick. pidusage.clear() is never called: it drops the history without closing the
// /proc fds it keeps (one per pid); `maxage` expiry closes them.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import pidusage from 'pidusage'
import type { ProcessInfo } from '@shared/domain'
import { commandLine, type ProcessEntry } from './processTable'

/** pidusage closes a pid's cached /proc fd this long after the pid was last sampled. */
const PIDUSAGE_MAXAGE_MS = 5000

export interface PidUsage {
  cpu: number
  memory: number
  elapsed: number
}

let kernelUnits: { clockTick: number; pageSize: number } | undefined

function getconf(name: string, fallback: number): number {
  try {
    const value = Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim())
    return Number.isFinite(value) && value > 0 ? value : fallback
  } catch {
    return fallback
  }
}

function units(): { clockTick: number; pageSize: number } {
  kernelUnits ??= { clockTick: getconf('CLK_TCK', 100), pageSize: getconf('PAGESIZE', 4096) }
  return kernelUnits
}

/** Per-sampler reader: remembers each process's CPU ticks from the previous reading. */
export class UsageReader {
  private previous = new Map<string, { ticks: number; at: number }>()

  async read(entries: ProcessEntry[]): Promise<Map<number, PidUsage>> {
    if (entries.length > 0 && entries.every((e) => e.procfs)) return this.fromProcfs(entries)
    return usageOf(entries.map((e) => e.pid))
  }

  private fromProcfs(entries: ProcessEntry[]): Map<number, PidUsage> {
    const { clockTick, pageSize } = units()
    const at = performance.now()
    const uptimeSeconds = Number(readFileSync('/proc/uptime', 'latin1').split(' ')[0])
    const next = new Map<string, { ticks: number; at: number }>()
    const out = new Map<number, PidUsage>()
    for (const e of entries) {
      const p = e.procfs as NonNullable<ProcessEntry['procfs']>
      const key = `${e.pid}@${e.startTime}`
      const before = this.previous.get(key)
      next.set(key, { ticks: p.cpuTicks, at })
      const seconds = before ? (at - before.at) / 1000 : 0
      out.set(e.pid, {
        cpu: seconds > 0 ? ((p.cpuTicks - (before?.ticks ?? 0)) / clockTick / seconds) * 100 : 0,
        memory: p.rssPages * pageSize,
        elapsed: Math.max(0, (uptimeSeconds - p.startTicks / clockTick) * 1000)
      })
    }
    this.previous = next
    return out
  }
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
