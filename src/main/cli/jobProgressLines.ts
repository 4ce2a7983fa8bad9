// A job's progress as lines on a terminal: "job 1 a.wav: decoding the audio 5%", "… transcribing
// 40%", "… finding speakers 60%". A line is printed only when its text changes, and percentages go
// in steps of 5, so a long job prints a few dozen lines, not one per progress event.
import { basename } from 'node:path'
import { isTerminalStatus, type JobRow } from '@shared/domain'
import { PHASE_WORDS, type JobProgress } from '@shared/jobProgress'
import type { TranscriptionService } from '../core/service/transcriptionService'

/** Percent in steps of 5, floored: 100 only when it is all done. */
const stepPercent = (fraction: number): number => Math.floor(fraction * 20) * 5

/** The phase in words and how far along it is (its own share where it has one, else the job's). */
export function progressText(p: Pick<JobProgress, 'phase' | 'phaseFraction' | 'fraction'>): string {
  const words = PHASE_WORDS[p.phase].toLowerCase()
  const share = p.phaseFraction ?? (p.phase === 'planning' ? null : p.fraction)
  return share === null ? words : `${words} ${stepPercent(share)}%`
}

/**
 * Prints each followed job's status while it waits and its phase and percentage while it runs,
 * through `print`; `follows` says which jobs are this command's. Returns the unsubscribe.
 */
export function followJobProgress(
  service: Pick<TranscriptionService, 'on'>,
  print: (line: string) => void,
  follows: (id: number) => boolean
): () => void {
  const names = new Map<number, string>()
  const lastShown = new Map<number, string>()
  const show = (id: number, text: string): void => {
    if (lastShown.get(id) === text) return
    lastShown.set(id, text)
    print(`job ${id} ${names.get(id) ?? ''}: ${text}`)
  }
  const offUpdated = service.on('job.updated', (job: JobRow) => {
    if (!follows(job.id)) return
    names.set(job.id, basename(job.original_path))
    // A running job's line comes from its progress events, which name the phase.
    if (!isTerminalStatus(job.status) && job.status !== 'processing') show(job.id, job.status)
  })
  const offProgress = service.on('job.progress', (p) => {
    if (follows(p.jobId) && names.has(p.jobId)) show(p.jobId, progressText(p))
  })
  return () => {
    offUpdated()
    offProgress()
  }
}
