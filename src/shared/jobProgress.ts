// A running job's progress as its pipeline measures it. The pipeline knows what the host cannot:
// which chunks a resume reused (they cost no time), so its ETA counts only the work left. The
// same fields travel from the pipeline (fd 3) through the host to every client, unchanged.
import { z } from 'zod'

/**
 * What the job is doing: decoding the input, finding where speech is (the chunk plan),
 * transcribing chunks, only waiting for endpoints (they report nothing until they answer),
 * or finding who speaks when (the speaker step, while no local chunk is being transcribed).
 */
export const JOB_PHASES = ['decoding', 'planning', 'transcribing', 'waiting', 'speakers'] as const
export type JobPhase = (typeof JOB_PHASES)[number]

/** Each phase in words, as the job page, the queue and the CLI say it. */
export const PHASE_WORDS: Record<JobPhase, string> = {
  decoding: 'Decoding the audio',
  planning: 'Finding speech',
  transcribing: 'Transcribing',
  waiting: 'Waiting for the server',
  speakers: 'Finding speakers'
}

export const ProgressFields = z.object({
  chunksDone: z.number().int().nonnegative(),
  chunksTotal: z.number().int().nonnegative(),
  /** 0..1 */
  fraction: z.number().min(0).max(1),
  /**
   * Seconds left at the rate this run measured, null until it measured one. While decoding: the
   * decode's own time left (the engine's rate is not known yet); after, the whole job's.
   */
  etaSeconds: z.number().nonnegative().nullable(),
  phase: z.enum(JOB_PHASES),
  /**
   * 0..1 of the phase where it has its own measure (decoding: of the input's duration; speakers: of
   * the speaker step), else null.
   */
  phaseFraction: z.number().min(0).max(1).nullable()
})

/** The `job.progress` event: one job's latest progress. */
export const JobProgressSchema = ProgressFields.extend({ jobId: z.number().int() })
export type JobProgress = z.infer<typeof JobProgressSchema>
