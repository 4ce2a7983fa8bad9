// Runs inside the pipeline subprocess. Its parent (the app, the CLI) keeps our stdin open as a
// control pipe: when the parent dies — even by kill -9 — the kernel closes the pipe and stdin
// ends. A changed parent pid (reparented to init or a subreaper) is the backup signal. Either
// way every process below the pipeline is SIGKILLed at once (no time for grace: nobody is left to
// stop them), then `onParentLost` runs once so the pipeline can clean up and exit within ~2 s.
import type { Socket } from 'node:net'
import { sendSignal } from '../os/killTree'
import { groupMembers, readProcessTable } from '../os/processTable'
import { descendantsOf } from '../os/processTree'

export interface WatchdogOptions {
  /** Runs once, after the workers were killed (`killed`: how many processes that took). */
  onParentLost: (why: string, killed: number) => void
  /** How often the parent pid is checked. */
  pollMs?: number
}

/** Starts watching; returns a function that stops watching (e.g. on normal completion). */
export function startWatchdog(o: WatchdogOptions): () => void {
  const originalParent = process.ppid
  let fired = false
  const stdin = process.stdin
  const lost = (why: string): void => {
    if (fired) return
    fired = true
    stop()
    o.onParentLost(why, killDescendantsSync())
  }
  const onEnd = (): void => lost('control pipe closed')
  const onError = (err: Error): void => lost(`control pipe failed: ${err.message}`)
  // Control messages are not used yet; reading is what lets us see EOF.
  const onData = (): void => undefined
  stdin.on('data', onData)
  stdin.on('end', onEnd)
  stdin.on('error', onError)
  stdin.resume()
  // Watching must not keep a finished pipeline alive.
  ;(stdin as unknown as Partial<Socket>).unref?.()

  const timer = setInterval(() => {
    if (process.ppid !== originalParent) lost(`parent ${originalParent} is gone`)
  }, o.pollMs ?? 500)
  timer.unref()

  function stop(): void {
    clearInterval(timer)
    stdin.off('data', onData)
    stdin.off('end', onEnd)
    stdin.off('error', onError)
    stdin.pause()
  }
  return stop
}

/**
 * SIGKILLs every process below this one (by ancestry, so setsid'd workers too) and the rest of
 * our process group, but not ourselves: for `onParentLost`, where there is no time for grace.
 * They are SIGSTOPped and re-scanned first, so a worker forked at the last moment is not
 * orphaned out of reach when its parent dies.
 */
function killDescendantsSync(): number {
  const targets = new Set<number>()
  for (let round = 0; round < 6; round++) {
    const snapshot = readProcessTable()
    if (snapshot === null) break
    const self = snapshot.get(process.pid)
    const found = descendantsOf(process.pid, snapshot)
    if (self && self.pgid === process.pid) found.push(...groupMembers(self.pgid, snapshot))
    const fresh = found.filter((e) => e.pid !== process.pid && !e.zombie && !targets.has(e.pid))
    if (fresh.length === 0) break
    for (const e of fresh) {
      targets.add(e.pid)
      sendSignal(e.pid, 'SIGSTOP')
    }
  }
  for (const pid of targets) sendSignal(pid, 'SIGKILL')
  return targets.size
}
