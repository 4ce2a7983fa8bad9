// Acting on a job from its database row alone — what the reaper and `transcriptor jobs stop`
// do, since they are not the process that spawned it. The row's (pid, start time) must match a
// live process before anything is signalled; a pid reused by another program is left alone.
import {
  nothingKilled,
  notRunning,
  type JobRow,
  type KillResult,
  type ProcessStatus
} from '@shared/domain'
import type { JobRepository } from '../db/jobRepository'
import type { JobTreeRef } from '../../os/processTree'
import { killTree } from '../../os/killTree'
import { measureTreeNow } from './metricsSampler'
import { readStartTime } from '../../os/processIdentity'

export type RecordedState =
  /** The recorded process is alive and is the one we started. */
  | 'ours'
  /** The recorded pid is alive but belongs to another program now (different start time). */
  | 'pid-reused'
  /** Nothing alive under the recorded pid. */
  | 'gone'
  /** No pid (or no start time) was recorded: identity cannot be proven. */
  | 'unrecorded'

export function treeRefOf(row: JobRow): JobTreeRef {
  return {
    jobId: row.id,
    rootPid: row.process_id,
    rootStartTime: row.process_start_time,
    pgid: row.process_group_id
  }
}

export function recordedState(row: JobRow): RecordedState {
  if (row.process_id === null) return 'unrecorded'
  const now = readStartTime(row.process_id)
  if (now === null) return 'gone'
  if (row.process_start_time === null) return 'unrecorded'
  return now === row.process_start_time ? 'ours' : 'pid-reused'
}

/**
 * Stops the recorded tree. When the root is gone, members left in its process group are still
 * stopped (the kernel never reuses a pid while it names a live group); when the pid was reused
 * or identity is unrecorded, nothing is signalled.
 */
export async function stopRecordedTree(row: JobRow, graceMs: number): Promise<KillResult> {
  const state = recordedState(row)
  if (state === 'pid-reused' || state === 'unrecorded') {
    return nothingKilled(row.id)
  }
  return killTree({ ...treeRefOf(row), graceMs })
}

/**
 * Stop of a job another process supervises (the CLI's `transcribe`, another host): the row is
 * marked cancelled FIRST (a guarded update), so the owner, seeing its pipeline die, cannot call
 * it failed; then the recorded tree is stopped, identity-checked. A row without a recorded
 * identity cannot be stopped safely from here: that is an error the user reads, not a silent
 * "already stopped".
 */
export async function stopForeignTree(
  repo: Pick<JobRepository, 'cancelJob'>,
  row: JobRow,
  reason: string,
  graceMs: number
): Promise<KillResult> {
  if (recordedState(row) === 'unrecorded') {
    throw new Error(
      `job ${row.id} runs in another process and has no recorded process identity (process tracking was off); stop it from the app that started it`
    )
  }
  repo.cancelJob(row.id, reason)
  return stopRecordedTree(row, graceMs)
}

/** Live status of a recorded tree, measured now (CPU over a short window). */
export async function recordedStatus(row: JobRow): Promise<ProcessStatus> {
  const state = recordedState(row)
  if (state === 'pid-reused' || state === 'unrecorded') {
    return notRunning(row.process_id)
  }
  return measureTreeNow(treeRefOf(row))
}
