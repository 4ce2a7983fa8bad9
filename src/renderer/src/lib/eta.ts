// ETA from the progress rate so far: a job that took T to reach fraction p needs about
// T * (1 - p) / p more. Too little progress gives a meaningless number, so none is shown.
import { clockText } from '@shared/clockText'

const MIN_PROGRESS_FOR_ETA = 0.02

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
