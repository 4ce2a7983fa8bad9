// How long a running job has left, as its pipeline estimates it: the pipeline measures the rate
// of the chunks this run transcribed and leaves out those a resume reused, which an estimate from
// the row's overall progress and start time cannot do (after a resume it would promise an end
// far too soon). Between two reports the estimate counts down with the clock.
import { clockText } from '@shared/clockText'
import type { JobProgress } from '@shared/jobProgress'

/** The pipeline's last ETA and phase for a job, and when they arrived (epoch ms). */
export type ReceivedProgress = Pick<JobProgress, 'etaSeconds' | 'phase' | 'phaseFraction'> & {
  receivedAt: number
}

export function remainingSeconds(
  progress: ReceivedProgress | undefined,
  now: number
): number | null {
  if (!progress || progress.etaSeconds === null) return null
  return Math.max(0, progress.etaSeconds - Math.max(0, now - progress.receivedAt) / 1000)
}

/** The shared clock ("1:05", "12:00:03"), or "—" for unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—'
  return clockText(seconds)
}
