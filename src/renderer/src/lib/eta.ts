// How long a running job has left, as its pipeline estimates it: the pipeline measures the rate
// of the chunks this run transcribed and leaves out those a resume reused, which an estimate from
// the row's overall progress and start time cannot do (after a resume it would promise an end
// far too soon). Between two reports the estimate counts down with the clock.
import { clockText } from '@shared/clockText'

const MIN_PROGRESS_FOR_ETA = 0.02

/** The pipeline's last ETA for a job, and when it arrived (epoch ms). */
export interface ReceivedProgress {
  etaSeconds: number | null
  receivedAt: number
}

export function remainingSeconds(
  progress: ReceivedProgress | undefined,
  now: number
): number | null {
  if (!progress || progress.etaSeconds === null) return null
  return Math.max(0, progress.etaSeconds - Math.max(0, now - progress.receivedAt) / 1000)
}

/**
 * The naive estimate from the row alone (wrong after a resume). Only the job page still calls it;
 * it moves to useJobEta (store/jobProgressStore) and this goes.
 */
export function estimateRemainingSeconds(
  startedAt: number | null,
  progress: number,
  now: number
): number | null {
  if (startedAt === null || !Number.isFinite(progress)) return null
  if (progress < MIN_PROGRESS_FOR_ETA) return null
  if (progress >= 1) return 0
  const elapsedSeconds = Math.max(0, now - startedAt) / 1000
  return (elapsedSeconds * (1 - progress)) / progress
}

/** The shared clock ("1:05", "12:00:03"), or "—" for unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—'
  return clockText(seconds)
}
