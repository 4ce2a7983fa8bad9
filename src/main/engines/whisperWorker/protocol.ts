// The engine worker protocol: JSON lines. Requests go to the worker's stdin; replies come back
// on its fd 3, apart from stdout/stderr (which whisper.cpp and miniaudio write freely and which
// end up in the job log). One schema per message, so both sides parse the same shape.
import { z } from 'zod'

export const WORKER_REPLY_FD = 3

export const ACCELERATORS = ['CPU', 'Metal', 'Vulkan', 'CUDA'] as const
export type Accelerator = (typeof ACCELERATORS)[number]

export const WorkerRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('transcribe'),
    id: z.number().int(),
    wavPath: z.string().min(1),
    /** 'auto' or an ISO 639-1 code. */
    language: z.string().min(1),
    translate: z.boolean(),
    threads: z.number().int().min(1),
    /** A loop guard re-run: sampled at this temperature (whisper.cpp's fallback), no prompt. */
    temperature: z.number().min(0).max(1).optional()
  }),
  z.object({ type: z.literal('shutdown') })
])
export type WorkerRequest = z.infer<typeof WorkerRequestSchema>

const WordSchema = z.object({
  word: z.string(),
  start: z.number(),
  end: z.number(),
  /** Whisper's confidence, 0–1; only the addon built here gives it (segmentsToWords.ts). */
  probability: z.number().min(0).max(1).optional()
})

export const WorkerReplySchema = z.discriminatedUnion('type', [
  /** The model is loaded (once); chunks may follow. */
  z.object({
    type: z.literal('ready'),
    backend: z.string(),
    accelerator: z.enum(ACCELERATORS),
    loadMs: z.number(),
    /** One line when a GPU variant could not be used and the CPU one runs instead. */
    fallback: z.string().nullable()
  }),
  z.object({ type: z.literal('progress'), id: z.number().int(), fraction: z.number() }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    words: z.array(WordSchema),
    language: z.string().nullable()
  }),
  /** id null = the worker cannot work at all (the model did not load); it exits right after. */
  z.object({ type: z.literal('error'), id: z.number().int().nullable(), message: z.string() })
])
export type WorkerReply = z.infer<typeof WorkerReplySchema>

export function parseLine<T>(schema: z.ZodType<T>, line: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
