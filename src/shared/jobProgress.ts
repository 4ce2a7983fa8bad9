// A running job's progress as its pipeline measures it. The pipeline knows what the host cannot:
// which chunks a resume reused (they cost no time), so its ETA counts only the work left. The
// same fields travel from the pipeline (fd 3) through the host to every client, unchanged.
import { z } from 'zod'

export const ProgressFields = z.object({
  chunksDone: z.number().int().nonnegative(),
  chunksTotal: z.number().int().nonnegative(),
  /** 0..1 */
  fraction: z.number().min(0).max(1),
  /** Seconds left at the rate of the chunks this run transcribed; null until one is measured. */
  etaSeconds: z.number().nonnegative().nullable()
})

/** The `job.progress` event: one job's latest progress. */
export const JobProgressSchema = ProgressFields.extend({ jobId: z.number().int() })
export type JobProgress = z.infer<typeof JobProgressSchema>
