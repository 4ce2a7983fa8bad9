// "Transcribe again": a passage of a finished job's recording, run again as a small job of its
// own with another engine, model, language or endpoint; on completion its words replace the
// passage in the job's transcript as an edit (the engine's original kept, undoable).
import { z } from 'zod'
import { JobOnlyFields, JobOptionsFields } from '@shared/domain'
import { TRANSCRIPT_LIMITS } from '@shared/transcript'

const Seconds = z.number().min(0).max(TRANSCRIPT_LIMITS.seconds)

/** What may differ from the job's own options for the passage. */
export const RedoOptionsSchema = JobOptionsFields.pick({
  engine: true,
  model: true,
  language: true,
  translate: true,
  processes: true
})
  .extend(JobOnlyFields)
  .partial()
  .strict()
export type RedoOptions = z.infer<typeof RedoOptionsSchema>

export const RedoRequestSchema = z
  .object({
    /** The finished job whose passage is transcribed again. */
    id: z.number().int().positive(),
    from: Seconds,
    to: Seconds,
    options: RedoOptionsSchema.optional()
  })
  .strict()
  .refine((r) => r.to > r.from, { error: 'the passage must end after it starts', path: ['to'] })
export type RedoRequest = z.infer<typeof RedoRequestSchema>

/** The passage cut from the input for the pipeline (seconds of the recording). */
export const PassageSchema = z.object({ from: Seconds, to: Seconds }).strict()
export type Passage = z.infer<typeof PassageSchema>
