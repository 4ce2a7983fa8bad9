// The reaper: a `processing` job whose owner is gone (owner pid dead) or silent (heartbeat older
// than the timeout) is orphaned. Its tree is killed only if the recorded pid is alive AND still
// has the recorded start time; either way the job is marked failed with `orphaned: …`.
// A `queued` job lives in its creator's in-memory queue: when that creator is gone nobody will
// ever start it, so it is failed too (nothing to kill) instead of waiting in History forever.
import { isTerminalStatus, type JobRow, type KillResult } from '@shared/domain'
import type { JobRepository } from '../db/jobRepository'
import { isPidAlive } from '../../os/processIdentity'
import { applyPendingOutcomes, type AppliedOutcome } from '../db/outcomes'
import { recordedState, stopRecordedTree } from './recordedJob'
import { sweepWorkFolders } from './workFolders'

export interface ReapResult {
  jobId: number
  /** Why it counts as orphaned. */
  reason: string
  /** What was found under the recorded pid. */
  found: 'ours' | 'pid-reused' | 'gone' | 'unrecorded' | 'never-started'
  kill: KillResult | null
  /** The error_message written (starts with `orphaned: `). */
  message: string
  /** False if the row changed status meanwhile (the guarded update did not apply). */
  marked: boolean
}

export interface ReapOptions {
  timeoutSeconds: number
  heartbeatIntervalSeconds: number
  /** Jobs this instance supervises right now: never orphans. */
  isOwnedHere: (row: JobRow) => boolean
  graceMs: number
  now?: number
}

type ReapStore = Pick<
  JobRepository,
  'getActiveJobs' | 'getQueuedOwners' | 'getQueuedJobsOf' | 'failJob'
>

/** Why `row` is orphaned, or null if it is not. */
export function orphanReason(row: JobRow, o: ReapOptions): string | null {
  if (o.isOwnedHere(row)) return null
  if (isTerminalStatus(row.status)) return null
  if (row.owner_pid !== null && row.owner_pid !== process.pid && !isPidAlive(row.owner_pid)) {
    return `owner process ${row.owner_pid} is gone`
  }
  // A blocked event loop delays heartbeats: never call a job stale sooner than 3 intervals.
  const staleAfterMs = Math.max(o.timeoutSeconds, 3 * o.heartbeatIntervalSeconds) * 1000
  if (row.status === 'queued') {
    // A queued job has no heartbeat: it may wait its turn for hours behind a live owner. Only a
    // row that records no owner at all (written before owners were recorded) is judged by age.
    if (row.owner_pid !== null) return null
    const age = (o.now ?? Date.now()) - row.created_at
    return age > staleAfterMs ? `queued ${Math.round(age / 1000)} s ago by an unknown owner` : null
  }
  const last = row.last_heartbeat ?? row.started_at ?? row.created_at
  const age = (o.now ?? Date.now()) - last
  if (age > staleAfterMs) return `no heartbeat for ${Math.round(age / 1000)} s`
  return null
}

function describe(found: ReapResult['found'], row: JobRow, kill: KillResult | null): string {
  switch (found) {
    case 'ours': {
      const n = kill?.killed.length ?? 0
      const left = kill && kill.survivors.length > 0 ? `; ${kill.survivors.length} survived` : ''
      return `killed ${n} process${n === 1 ? '' : 'es'}${left}`
    }
    case 'gone':
      return kill && kill.killed.length > 0
        ? `process ${row.process_id} was gone; killed ${kill.killed.length} left in its group`
        : `process ${row.process_id} was already gone`
    case 'pid-reused':
      return `pid ${row.process_id} now belongs to another program; killed nothing`
    case 'unrecorded':
      return 'no process identity was recorded; killed nothing'
    case 'never-started':
      return 'it never started; nothing to kill'
  }
}

/**
 * The queued rows that may be orphans, read owner by owner. A live owner's queue (thousands of
 * files from a watched folder) is judged by its owner alone, as orphanReason would judge each of
 * its rows, so a reaper tick costs one grouped query instead of a read of every waiting row.
 */
function queuedRowsToJudge(repo: ReapStore): JobRow[] {
  return repo
    .getQueuedOwners()
    .filter(({ pid }) => pid === null || (pid !== process.pid && !isPidAlive(pid)))
    .flatMap((owner) => repo.getQueuedJobsOf(owner))
    .sort((a, b) => a.id - b.id)
}

export async function reapOrphans(repo: ReapStore, o: ReapOptions): Promise<ReapResult[]> {
  const results: ReapResult[] = []
  for (const row of [...repo.getActiveJobs(), ...queuedRowsToJudge(repo)]) {
    const reason = orphanReason(row, o)
    if (reason === null) continue
    const found = row.status === 'queued' ? 'never-started' : recordedState(row)
    const kill =
      found === 'ours' || found === 'gone' ? await stopRecordedTree(row, o.graceMs) : null
    const message = `orphaned: ${reason}; ${describe(found, row, kill)}`
    results.push({
      jobId: row.id,
      reason,
      found,
      kill,
      message,
      marked: repo.failJob(row.id, message)
    })
  }
  return results
}

export interface SweepResult {
  /** Outcomes another process had kept in their slots on disk, now written. */
  applied: AppliedOutcome[]
  reaped: ReapResult[]
  /** Work folders of ended jobs that were removed. */
  sweptFolders: string[]
}

/**
 * The reaper's one sequence, for every host and the CLI's `reap`. Kept outcomes first: those jobs
 * ended, they are not orphans. Then the orphans, then the outcome slots the reaped jobs had
 * reserved, then the work folders of jobs that died hard (their pipeline could not remove them).
 */
export async function reapAndSweep(
  repo: JobRepository,
  dataDir: string,
  o: ReapOptions & { onApplied?: (applied: AppliedOutcome[]) => void }
): Promise<SweepResult> {
  const applied = applyPendingOutcomes(dataDir, repo)
  if (applied.length > 0) o.onApplied?.(applied)
  const reaped = await reapOrphans(repo, o)
  if (reaped.length > 0) applyPendingOutcomes(dataDir, repo)
  const sweptFolders = sweepWorkFolders(dataDir, repo)
  return { applied, reaped, sweptFolders }
}
