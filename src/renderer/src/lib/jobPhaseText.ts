// The words for what a running job is doing (its pipeline's phase) and for what its time left is
// of: while decoding, the decode's own (the engine's rate is not known yet), after it the job's.
import { PHASE_WORDS, type JobPhase } from '@shared/jobProgress'
import { formatDuration } from './eta'

export function phaseText(p: { phase: JobPhase; phaseFraction: number | null }): string {
  const words = PHASE_WORDS[p.phase]
  return p.phaseFraction === null ? words : `${words}: ${Math.floor(p.phaseFraction * 100)}%`
}

export function timeLeftText(etaSeconds: number, phase: JobPhase | undefined): string {
  return `about ${formatDuration(etaSeconds)} left${phase === 'decoding' ? ' to decode' : ''}`
}
