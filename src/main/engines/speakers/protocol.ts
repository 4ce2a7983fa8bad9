// The speaker worker's protocol: one request as the process's single JSON argument; replies are
// JSON lines on its fd 3 (stdout/stderr are sherpa-onnx's own log, which goes to the job log).
import { z } from 'zod'

export const SPEAKER_REPLY_FD = 3

export const DiarizeRequestSchema = z.object({
  /** Raw 16 kHz mono s16le PCM (the pipeline's decoded audio). */
  pcmPath: z.string().min(1),
  segmentationModel: z.string().min(1),
  embeddingModel: z.string().min(1),
  /** A fixed number of speakers, or null to find it by the threshold. */
  speakers: z.number().int().min(1).max(20).nullable(),
  /** Cosine distance under which two voices are one speaker (sherpa's clustering threshold). */
  threshold: z.number().gt(0).lt(2),
  threads: z.number().int().min(1),
  /** Audio is diarized this many seconds at a time (memory stays bounded for a long file). */
  windowSeconds: z.number().positive()
})
export type DiarizeRequest = z.infer<typeof DiarizeRequestSchema>

/** One stretch of one speaker; speakers are numbered 0… over the whole file. */
export const SpeakerTurnSchema = z.object({
  start: z.number(),
  end: z.number(),
  speaker: z.number().int().nonnegative()
})
export type SpeakerTurn = z.infer<typeof SpeakerTurnSchema>

export const DiarizeReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), loadMs: z.number() }),
  z.object({ type: z.literal('progress'), fraction: z.number() }),
  z.object({
    type: z.literal('result'),
    turns: z.array(SpeakerTurnSchema),
    /** Per speaker number: talk time and the centroid of its embeddings (unit length). */
    speakers: z.array(
      z.object({
        speaker: z.number().int().nonnegative(),
        seconds: z.number(),
        embedding: z.array(z.number())
      })
    )
  }),
  z.object({ type: z.literal('error'), message: z.string() })
])
export type DiarizeReply = z.infer<typeof DiarizeReplySchema>
