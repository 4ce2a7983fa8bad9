// One pass over the OS process table. Everything that finds a job's processes (stop, metrics,
// status, reaper) works from a snapshot, so a tree is discovered with one scan instead of one
// `ps` per process (tree-kill's approach, which a forking parent outruns).
import { execFileSync } from 'node:child_process'
import { closeSync, openSync, readdirSync, readSync } from 'node:fs'

export interface ProcessEntry {
  pid: number
  ppid: number
  pgid: number
  sid: number
  /** Opaque start-time token (see processIdentity.ts); equal tokens = the same process. */
  startTime: string
  /** Short name (Linux `comm`) or the full command line from `ps`. */
  command: string
  /** Linux: exited but not yet reaped. Counts as gone everywhere. */
  zombie: boolean
  /** Linux only (from the same stat read, so metrics need no second pass): CPU time used,
   *  resident pages and start, all in the kernel's units (clock ticks, pages). */
  procfs?: { cpuTicks: number; rssPages: number; startTicks: number }
}

export type ProcessSnapshot = Map<number, ProcessEntry>

let cachedBootId: string | null | undefined

/** Linux boot id: start-time ticks only mean something within one boot. */
export function bootId(): string {
  if (cachedBootId === undefined) {
    cachedBootId = safeRead('/proc/sys/kernel/random/boot_id')?.trim() ?? null
  }
  return cachedBootId ?? 'boot'
}

let cachedProcfs: boolean | undefined

export function hasProcfs(): boolean {
  if (cachedProcfs === undefined) {
    cachedProcfs = process.platform === 'linux' && safeRead('/proc/self/stat') !== null
  }
  return cachedProcfs
}

const readBuffer = Buffer.alloc(64 * 1024)

/**
 * Reads a small /proc file with one open/read/close into a reused buffer. readFileSync is ~10×
 * slower here: /proc files report size 0, so it falls back to a grow-and-retry read loop.
 */
function safeRead(path: string): string | null {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return null
  }
  try {
    const n = readSync(fd, readBuffer, 0, readBuffer.length, 0)
    return readBuffer.toString('latin1', 0, n)
  } catch {
    return null
  } finally {
    closeSync(fd)
  }
}

/**
 * Parses `/proc/<pid>/stat`. The command name sits in parentheses and may itself contain
 * spaces or ')' — so fields are counted from the LAST ')'.
 */
export function parseProcStat(text: string):
  | (Omit<ProcessEntry, 'startTime'> & {
      startTicks: string
      state: string
    })
  | null {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return null
  const pid = Number(text.slice(0, open).trim())
  const command = text.slice(open + 1, close)
  const rest = text.slice(close + 2).split(' ')
  // rest[0] = state (field 3), so field N is rest[N - 3].
  const state = rest[0] ?? '?'
  const ppid = Number(rest[1])
  const pgid = Number(rest[2])
  const sid = Number(rest[3])
  const startTicks = rest[19] ?? ''
  if (!Number.isInteger(pid) || !Number.isInteger(ppid) || startTicks === '') return null
  return {
    pid,
    ppid,
    pgid,
    sid,
    command,
    startTicks,
    state,
    zombie: state === 'Z' || state === 'X',
    // utime (field 14) + stime (15); rss (24).
    procfs: {
      cpuTicks: Number(rest[11]) + Number(rest[12]),
      rssPages: Number(rest[21]),
      startTicks: Number(startTicks)
    }
  }
}

export function linuxStartToken(startTicks: string): string {
  return `${bootId()}:${startTicks}`
}

/** Reads one /proc/<pid>/stat; null when the process does not exist. */
export function readProcEntry(pid: number): ProcessEntry | null {
  const text = safeRead(`/proc/${pid}/stat`)
  if (text === null) return null
  const parsed = parseProcStat(text)
  if (!parsed) return null
  const { startTicks, state: _state, ...rest } = parsed
  return { ...rest, startTime: linuxStartToken(startTicks) }
}

/** Pids listed in /proc right now (one readdir). */
export function listProcfsPids(): number[] {
  const pids: number[] = []
  for (const name of readdirSync('/proc')) {
    const code = name.charCodeAt(0)
    if (code >= 48 && code <= 57) pids.push(Number(name))
  }
  return pids
}

/**
 * `reuse` lets a caller that scans repeatedly (the metrics sampler) keep entries of processes
 * it knows are unrelated to anything it watches instead of re-reading their stat every time.
 */
export function readProcfsTable(
  reuse?: (pid: number) => ProcessEntry | undefined
): ProcessSnapshot {
  const table: ProcessSnapshot = new Map()
  for (const pid of listProcfsPids()) {
    const entry = reuse?.(pid) ?? readProcEntry(pid)
    if (entry) table.set(entry.pid, entry)
  }
  return table
}

/** `ps` fallback (macOS, BSD). `lstart` has a fixed 24-char width, so it can be cut by position. */
function readPsTable(): ProcessSnapshot {
  const out = execFileSync('ps', ['-axo', 'pid=,ppid=,pgid=,stat=,lstart=,command='], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, LC_ALL: 'C' }
  })
  const table: ProcessSnapshot = new Map()
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+\s+\S+\s+\d+\s+[\d:]+\s+\d+)\s+(.*)$/.exec(
      line
    )
    if (!m) continue
    const pid = Number(m[1])
    table.set(pid, {
      pid,
      ppid: Number(m[2]),
      pgid: Number(m[3]),
      sid: 0,
      startTime: m[5].replace(/\s+/g, ' '),
      command: m[6],
      zombie: m[4].startsWith('Z')
    })
  }
  return table
}

/** A snapshot of every process, or null where neither /proc nor `ps` works (Windows). */
export function readProcessTable(): ProcessSnapshot | null {
  if (process.platform === 'win32') return null
  if (hasProcfs()) return readProcfsTable()
  try {
    return readPsTable()
  } catch {
    return null
  }
}

/** Members of a process group (pgid ≤ 1 never matches: that would be init's or everyone's). */
export function groupMembers(pgid: number, snapshot: ProcessSnapshot): ProcessEntry[] {
  if (pgid <= 1) return []
  const out: ProcessEntry[] = []
  for (const e of snapshot.values()) if (e.pgid === pgid) out.push(e)
  return out
}

/** Full command line (Linux); falls back to the snapshot's short name. */
export function commandLine(entry: ProcessEntry): string {
  if (!hasProcfs()) return entry.command
  const raw = safeRead(`/proc/${entry.pid}/cmdline`)
  if (!raw) return entry.command
  const text = Buffer.from(raw, 'latin1').toString('utf8').replace(/\0+$/, '').split('\0').join(' ')
  return text || entry.command
}
