// The pipeline subprocess's contract: its spec (one JSON argument) and its structured events
// (JSON lines on fd 3, apart from the human log on stdout/stderr, so a stray print can never
// break them). Both are zod schemas, checked on arrival: the pipeline parses its spec, the
// supervisor parses every event.
import { z } from 'zod'
import {
  ENGINE_NAMES,
  JobOnlyFields,
  JobOptionsFields,
  OutputFilesSchema,
  overlapBelowHalfChunk
} from '@shared/domain'
import { SpeakerIdSchema, TimedWordSchema } from '@shared/transcript'
import { EndpointRequestSchema, RequestTimeoutSecondsSchema } from '@shared/endpoints'
import { ProgressFields } from '@shared/jobProgress'
import { PassageSchema } from '@shared/passageRedo'

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
      modelsDir: z.string().min(1).optional(),
      /** Endpoints (OpenAI-compatible servers); their keys come through the environment, never here. */
      endpoints: JobOnlyFields.endpoints,
      /** Per request to an endpoint; default 300 s. */
      requestTimeoutSeconds: RequestTimeoutSecondsSchema.optional(),
      /** Seam chunks at silences where one is near (default); false = fixed overlapping cuts. */
      cutAtSilences: z.boolean().optional(),
      /** The job's work folder: chunk plan + finished chunks' words, kept until it completes. */
      workDir: z.string().min(1).optional(),
      /** Reuse the work folder's checkpoints (refused if the input or chunk options changed). */
      resume: z.boolean().optional(),
      /** Transcribe only this stretch of the input; the words keep the recording's times. */
      passage: PassageSchema.optional(),
      /** The input is a recording the host is still writing: follow it (pipeline/liveRecording.ts). */
      live: z.boolean().optional(),
      /** One engine process's seconds per audio second on earlier jobs (a chunk's estimate). */
      earlierSecondsPerAudioSecond: z.number().positive().optional()
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
  ProgressFields.extend({ type: z.literal('progress') }),
  /** A chunk is finished: the words it owns, in absolute seconds (the live transcript). */
  z.object({
    type: z.literal('chunkWords'),
    index: z.number().int().nonnegative(),
    chunksTotal: z.number().int().positive(),
    start: z.number(),
    end: z.number(),
    words: z.array(TimedWordSchema)
  }),
  /** The transcript is a success but the user must hear about it (see inputWarnings.ts). */
  z.object({ type: z.literal('warning'), message: z.string() }),
  /** The transcript's speakers as the diarizer heard them, just before `done` (CONTRACTS.md §6). */
  z.object({
    type: z.literal('speakers'),
    /** The embedding model's name: embeddings of different models are never compared. */
    model: z.string().min(1).max(200),
    speakers: z
      .array(
        z.object({
          id: SpeakerIdSchema,
          seconds: z.number().nonnegative(),
          embedding: z.array(z.number()).min(1).max(8192)
        })
      )
      .max(100)
  }),
  z.object({ type: z.literal('done'), outputs: OutputFilesSchema, wordCount: z.number().int() }),
  /** Requests to endpoints in flight now (sent whenever the set changes). */
  z.object({
    type: z.literal('endpointRequests'),
    requests: z.array(EndpointRequestSchema).max(4096)
  }),
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
