// Each running job's progress as its pipeline reports it (`job.progress`), stamped with when it
// arrived so its ETA counts down from there. The pipeline's ETA knows which chunks a resume
// reused; an estimate from the row's progress and start time cannot (see lib/eta.ts). With it, the
// phase the job is in (decoding, finding speech, transcribing, waiting for the server).
import { create } from 'zustand'
import type { JobRow } from '@shared/domain'
import type { JobProgress } from '@shared/jobProgress'
import { remainingSeconds, type ReceivedProgress } from '../lib/eta'
import { withoutKey } from '../lib/withoutKey'

export interface JobProgressState {
  byJob: Partial<Record<number, ReceivedProgress>>
}

export const useJobProgressStore = create<JobProgressState>()(() => ({ byJob: {} }))

export function setJobProgress(progress: JobProgress, receivedAt = Date.now()): void {
  useJobProgressStore.setState((s) => ({
    byJob: {
      ...s.byJob,
      [progress.jobId]: {
        etaSeconds: progress.etaSeconds,
        phase: progress.phase,
        phaseFraction: progress.phaseFraction,
        receivedAt
      }
    }
  }))
}

export function forgetJobProgress(jobId: number): void {
  useJobProgressStore.setState((s) =>
    jobId in s.byJob ? { byJob: withoutKey(s.byJob, jobId) } : s
  )
}

/** Seconds a running job has left by its pipeline's estimate; null when not running or unknown. */
export function useJobEta(row: Pick<JobRow, 'id' | 'status'>): number | null {
  const progress = useJobProgressStore((s) => s.byJob[row.id])
  return row.status === 'processing' ? remainingSeconds(progress, Date.now()) : null
}

/** What a running job is doing by its pipeline's last report; null when not running or not told yet. */
export function useJobPhase(row: Pick<JobRow, 'id' | 'status'>): ReceivedProgress | null {
  const progress = useJobProgressStore((s) => s.byJob[row.id])
  return row.status === 'processing' ? (progress ?? null) : null
}
