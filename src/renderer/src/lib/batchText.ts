// The queue's batch in words: how many of the jobs added since the queue was last empty are done,
// failed or stopped, and the whole queue's time left (the host's estimate from earlier jobs' rate).
import type { BatchProgress } from '@shared/domain'
import { timeLeftText } from './jobPhaseText'

/** What the line says the batch is, so its numbers are not read as all jobs ever. */
export const BATCH_WORDS = 'Since the queue was last empty'

/** "37 of 200 done · 2 failed"; null when there is no batch. */
export function batchDoneText(b: BatchProgress): string | null {
  if (b.total === 0) return null
  return [
    `${b.completed.toLocaleString()} of ${b.total.toLocaleString()} done`,
    b.failed > 0 && `${b.failed.toLocaleString()} failed`,
    b.cancelled > 0 && `${b.cancelled.toLocaleString()} stopped`
  ]
    .filter((part) => part !== false)
    .join(' · ')
}

/** "about 1:20:00 left", or that it is being estimated (no earlier rate or no duration yet). */
export function batchEtaText(b: BatchProgress): string {
  return b.etaSeconds === null ? 'estimating the time left…' : timeLeftText(b.etaSeconds, undefined)
}
