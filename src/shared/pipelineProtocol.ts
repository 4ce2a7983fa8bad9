// The pipeline subprocess's contract: its spec (one JSON argument) and its structured events
// (JSON lines on fd 3, apart from the human log on stdout/stderr, so a stray print can never
// break them). Both are zod schemas, checked on arrival: the pipeline parses its spec, the
// supervisor parses every event.
import { z } from 'zod'
import {
  ENGINE_NAMES,
  JobOptionsFields,
  OutputFilesSchema,
  overlapBelowHalfChunk
} from '@shared/domain'

export const PIPELINE_EVENT_FD = 3

/** Everything the pipeline needs, passed as one JSON argument (never through a shell). */
export const PipelineSpecSchema = overlapBelowHalfChunk(
  JobOptionsFields.omit({ outputDir: true })
    .extend({
      jobId: z.number().int(),
      inputPath: z.string().min(1),
      /** Where the outputs go (resolved: never ''). */
      outputDir: z.string().min(1),
      /** Base name for output files (without extension). */
      outputBaseName: z.string().min(1),
      /** Per-job scratch dir, removed at the end whatever happens. */
      tempDir: z.string().min(1),
      /** The instance's model folder, searched first for a model given by name. */
      modelsDir: z.string().min(1).optional()
    })
    // Unknown keys are dropped, not refused: a newer host may send more than this pipeline reads.
    .strip()
)
export type PipelineSpec = z.infer<typeof PipelineSpecSchema>

export const PipelineEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('probe'),
    durationSeconds: z.number().nonnegative(),
    codec: z.string().nullable()
  }),
  z.object({
    type: z.literal('engine'),
    name: z.enum(ENGINE_NAMES),
    detail: z.string(),
    processes: z.number().int(),
    workers: z.number().int()
  }),
  z.object({
    type: z.literal('progress'),
    chunksDone: z.number().int().nonnegative(),
    chunksTotal: z.number().int().nonnegative(),
    /** 0..1 */
    fraction: z.number().min(0).max(1),
    etaSeconds: z.number().nullable()
  }),
  z.object({ type: z.literal('done'), outputs: OutputFilesSchema, wordCount: z.number().int() }),
  /** One line a user can read; the pipeline exits non-zero right after. */
  z.object({ type: z.literal('error'), message: z.string() })
])
export type PipelineEvent = z.infer<typeof PipelineEventSchema>

/** One fd-3 line as an event, or null when it is not JSON or not a well-formed event. */
export function parsePipelineEventLine(line: string): PipelineEvent | null {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return null
  }
  const parsed = PipelineEventSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}
