// Stopping a whole job tree: signal the process group (one syscall reaches every member at
// once), signal every descendant that left the group (setsid) found by ancestry, keep re-scanning
// because a forking parent creates more, escalate to SIGKILL after the grace period, and confirm
// nothing remains. Every pid is identity-checked (pid + start time) on every scan, so a pid that
// was reused by another program is neither signalled nor counted.
import treeKill from 'tree-kill'
import { nothingKilled, type KillResult } from '@shared/domain'
import {
  groupMembers,
  hasProcfs,
  readProcEntry,
  readProcessTable,
  type ProcessEntry,
  type ProcessSnapshot
} from './processTable'
import { groupIsOurs, isSameLive, liveDescendants, rootOf, type JobTreeRef } from './processTree'
import { sleep } from './sleep'
import { KILL_WAIT_MS } from './stopTimings'

export interface KillTarget extends JobTreeRef {
  graceMs: number
  /** Processes seen in the tree earlier (e.g. by the sampler): found even after their parent
   *  died and they were reparented; still identity-checked. */
  knownMembers?: { pid: number; startTime: string }[]
  /** After SIGKILL, how long to wait for the kernel before reporting survivors. */
  killWaitMs?: number
}

type Tracked = Map<number, string>

/** Sends a signal; a process that already exited is what the caller wanted anyway. */
export function sendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal)
  } catch {
    // ESRCH: it exited between the scan and the signal, which is what we wanted anyway.
  }
}

/** Adds (and returns) processes not tracked before: group members and descendants of tracked. */
function discover(
  t: KillTarget,
  snapshot: ProcessSnapshot,
  tracked: Tracked,
  groupTrusted: boolean
): ProcessEntry[] {
  const fresh: ProcessEntry[] = []
  const add = (e: ProcessEntry): void => {
    if (e.zombie || tracked.has(e.pid)) return
    tracked.set(e.pid, e.startTime)
    fresh.push(e)
  }
  const root = rootOf(t, snapshot)
  if (root) add(root)
  if (groupTrusted && t.pgid !== null) for (const e of groupMembers(t.pgid, snapshot)) add(e)
  const alive = aliveTracked(snapshot, tracked)
  for (const e of liveDescendants(alive, snapshot, (pid) => tracked.has(pid))) add(e)
  return fresh
}

function aliveTracked(snapshot: ProcessSnapshot, tracked: Tracked): number[] {
  const alive: number[] = []
  for (const [pid, st] of tracked) if (isSameLive(snapshot, pid, st)) alive.push(pid)
  return alive
}

function signalAll(
  t: KillTarget,
  pids: number[],
  signal: NodeJS.Signals,
  groupTrusted: boolean,
  snapshot: ProcessSnapshot
): void {
  if (groupTrusted && t.pgid !== null && groupMembers(t.pgid, snapshot).some((e) => !e.zombie)) {
    sendSignal(-t.pgid, signal)
  }
  for (const pid of pids) {
    const e = snapshot.get(pid)
    if (groupTrusted && e && e.pgid === t.pgid) continue
    sendSignal(pid, signal)
  }
}

const FULL_SCAN_MS = 50
const FREEZE_ROUNDS = 6

/**
 * Signals every tracked process without racing its forks: SIGSTOP them all and re-scan until no
 * new descendant appears (a stopped process can neither fork nor exit, so the tree's ancestry
 * holds still), then send `signal` to everything found and SIGCONT so it can act on it. Without
 * the freeze, a parent killed before a scan saw its newest child leaves that child reparented
 * to init — outside the group if it called setsid(), and out of reach for good.
 */
function freezeThenSignal(
  t: KillTarget,
  tracked: Tracked,
  groupTrusted: boolean,
  signal: NodeJS.Signals,
  snapshot: ProcessSnapshot
): ProcessSnapshot {
  const stopped = new Set<number>()
  let current = snapshot
  for (let round = 0; round < FREEZE_ROUNDS; round++) {
    const toStop = aliveTracked(current, tracked).filter((pid) => !stopped.has(pid))
    if (toStop.length === 0) break
    signalAll(t, toStop, 'SIGSTOP', groupTrusted && round === 0, current)
    for (const pid of toStop) stopped.add(pid)
    current = readProcessTable() ?? current
    discover(t, current, tracked, groupTrusted)
  }
  signalAll(t, aliveTracked(current, tracked), signal, groupTrusted, current)
  if (signal !== 'SIGKILL') {
    signalAll(t, [...stopped], 'SIGCONT', groupTrusted, current)
  }
  return current
}

/** Tracked pids still alive, checked one by one via /proc (null where there is no procfs). */
function quickAlive(tracked: Tracked): number[] | null {
  if (!hasProcfs()) return null
  const alive: number[] = []
  for (const [pid, startTime] of tracked) {
    const e = readProcEntry(pid)
    if (e && !e.zombie && e.startTime === startTime) alive.push(pid)
  }
  return alive
}

/** Poll fast at first (a SIGTERM-honouring tree is gone in milliseconds), then back off. */
function pollDelay(elapsedMs: number): number {
  if (elapsedMs < 60) return 2
  if (elapsedMs < 500) return 10
  return 25
}

export async function killTree(t: KillTarget): Promise<KillResult> {
  const started = performance.now()
  const first = readProcessTable()
  if (first === null) return killTreePortable(t, started)

  const tracked: Tracked = new Map()
  for (const m of t.knownMembers ?? []) tracked.set(m.pid, m.startTime)
  const groupTrusted = groupIsOurs(t, first)
  discover(t, first, tracked, groupTrusted)
  const initiallyAlive = aliveTracked(first, tracked)
  if (initiallyAlive.length === 0) return nothingKilled(t.jobId, elapsedMs(started))
  const sawAlive = new Set<number>(initiallyAlive)

  let signal: NodeJS.Signals = 'SIGTERM'
  let escalated = false
  const frozen = freezeThenSignal(t, tracked, groupTrusted, signal, first)
  for (const pid of aliveTracked(frozen, tracked)) sawAlive.add(pid)
  const killDeadline = t.graceMs + (t.killWaitMs ?? KILL_WAIT_MS)
  let survivors: number[] = []

  let lastScan = performance.now()
  for (;;) {
    const elapsed = performance.now() - started
    // Between full scans only the tracked pids are checked (cheap); a full scan — which finds
    // children a forking parent made meanwhile — runs every FULL_SCAN_MS and always before
    // "none left" is believed.
    let alive = quickAlive(tracked)
    let snapshot: ProcessSnapshot | null = null
    if (alive === null || alive.length === 0 || performance.now() - lastScan >= FULL_SCAN_MS) {
      snapshot = readProcessTable() ?? new Map()
      lastScan = performance.now()
      // A forking parent (one that ignores SIGTERM, or is slow to act on it) made children
      // since the last scan: freeze and signal again, so none of them slips away.
      if (discover(t, snapshot, tracked, groupTrusted).length > 0) {
        snapshot = freezeThenSignal(t, tracked, groupTrusted, signal, snapshot)
      }
      alive = aliveTracked(snapshot, tracked)
    }
    for (const pid of alive) sawAlive.add(pid)
    if (alive.length === 0) break
    if (!escalated && elapsed >= t.graceMs) {
      escalated = true
      signal = 'SIGKILL'
      snapshot ??= readProcessTable() ?? new Map()
      freezeThenSignal(t, tracked, groupTrusted, signal, snapshot)
    } else if (escalated && elapsed >= killDeadline) {
      survivors = alive
      break
    }
    await sleep(pollDelay(elapsed))
  }
  const killed = [...sawAlive].filter((pid) => !survivors.includes(pid))
  return result(t, started, killed, escalated, survivors)
}

const elapsedMs = (started: number): number => Math.round((performance.now() - started) * 10) / 10

function result(
  t: KillTarget,
  started: number,
  killed: number[],
  escalated: boolean,
  survivors: number[]
): KillResult {
  return {
    jobId: t.jobId,
    killed: killed.sort((a, b) => a - b),
    escalated,
    durationMs: elapsedMs(started),
    alreadyStopped: false,
    survivors
  }
}

function probeAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const treeKillAsync = (pid: number, signal: NodeJS.Signals): Promise<void> =>
  new Promise((resolve) => treeKill(pid, signal, () => resolve()))

/** Where there is no process table (Windows): tree-kill, then wait for the root to go. */
async function killTreePortable(t: KillTarget, started: number): Promise<KillResult> {
  const pid = t.rootPid
  if (pid === null || !probeAlive(pid)) return nothingKilled(t.jobId, elapsedMs(started))
  await treeKillAsync(pid, 'SIGTERM')
  let escalated = false
  while (probeAlive(pid) && performance.now() - started < t.graceMs) await sleep(25)
  if (probeAlive(pid)) {
    escalated = true
    await treeKillAsync(pid, 'SIGKILL')
    while (probeAlive(pid) && performance.now() - started < t.graceMs + KILL_WAIT_MS)
      await sleep(25)
  }
  const survivors = probeAlive(pid) ? [pid] : []
  return result(t, started, survivors.length ? [] : [pid], escalated, survivors)
}

/**
 * Synchronous last resort for `process.on('exit')` (no awaiting possible there): SIGKILL the
 * group and every identity-verified descendant found by one scan.
 */
export function killTreeSync(t: Omit<KillTarget, 'graceMs'>): void {
  const snapshot = readProcessTable()
  if (snapshot === null) {
    if (t.rootPid !== null) sendSignal(t.rootPid, 'SIGKILL')
    return
  }
  const tracked: Tracked = new Map()
  for (const m of t.knownMembers ?? []) tracked.set(m.pid, m.startTime)
  const full: KillTarget = { ...t, graceMs: 0 }
  const groupTrusted = groupIsOurs(full, snapshot)
  discover(full, snapshot, tracked, groupTrusted)
  freezeThenSignal(full, tracked, groupTrusted, 'SIGKILL', snapshot)
}
