// The VAD worker protocol. Requests go to the worker's stdin as frames: one JSON header line, then
// exactly `bytes` bytes of audio (16 kHz mono s16le) — audio as JSON numbers would be ~6 times
// the bytes and a parse of megabytes per window. Replies are JSON lines on fd 3, apart from
// stdout/stderr (whisper.cpp's own log, which ends up in the job log). Same schema on both sides.
import { z } from 'zod'

export const VAD_REPLY_FD = 3

/** whisper.cpp's VAD parameters (VadOptions of @fugood/whisper.node), all optional. */
export const VadParamsSchema = z.object({
  threshold: z.number().min(0).max(1).optional(),
  minSpeechDurationMs: z.number().int().min(0).optional(),
  minSilenceDurationMs: z.number().int().min(0).optional(),
  speechPadMs: z.number().int().min(0).optional()
})
export type VadParams = z.infer<typeof VadParamsSchema>

export const VadRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('detect'),
    id: z.number().int(),
    /** Bytes of s16le audio that follow the header line. */
    bytes: z.number().int().min(0),
    params: VadParamsSchema
  }),
  z.object({ type: z.literal('shutdown') })
])
export type VadRequest = z.infer<typeof VadRequestSchema>

export const VadReplySchema = z.discriminatedUnion('type', [
  /** The model is loaded; requests may follow. */
  z.object({ type: z.literal('ready'), backend: z.string(), loadMs: z.number() }),
  /** Speech stretches in seconds from the first sample of the request. */
  z.object({
    type: z.literal('speech'),
    id: z.number().int(),
    stretches: z.array(z.object({ start: z.number(), end: z.number() }))
  }),
  /** id null = the worker cannot work at all (the model did not load); it exits right after. */
  z.object({ type: z.literal('error'), id: z.number().int().nullable(), message: z.string() })
])
export type VadReply = z.infer<typeof VadReplySchema>

/** Header line + audio, as the worker reads them. */
export function detectFrame(id: number, pcm: Int16Array, params: VadParams): Buffer {
  const header = JSON.stringify({ type: 'detect', id, bytes: pcm.byteLength, params })
  return Buffer.concat([
    Buffer.from(header + '\n', 'utf8'),
    Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength)
  ])
}

/**
 * Splits the worker's stdin into frames: a header line, then its payload. Bytes arrive in any
 * sizes; a frame is handed on once whole.
 */
export class FrameReader {
  private held: Buffer[] = []
  private heldBytes = 0
  private header: VadRequest | null = null

  constructor(private readonly onFrame: (request: VadRequest, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.held.push(chunk)
    this.heldBytes += chunk.length
    for (;;) {
      if (!this.header) {
        const all = this.take()
        const nl = all.indexOf(0x0a)
        if (nl < 0) return this.keep(all)
        this.header = parseHeader(all.subarray(0, nl).toString('utf8'))
        this.keep(all.subarray(nl + 1))
        continue
      }
      const need = this.header.type === 'detect' ? this.header.bytes : 0
      if (this.heldBytes < need) return
      const all = this.take()
      const request = this.header
      this.header = null
      this.keep(all.subarray(need))
      this.onFrame(request, all.subarray(0, need))
    }
  }

  private take(): Buffer {
    return this.held.length === 1 ? this.held[0] : Buffer.concat(this.held)
  }

  private keep(rest: Buffer): void {
    this.held = rest.length > 0 ? [rest] : []
    this.heldBytes = rest.length
  }
}

/** A header line that is not ours is skipped (the next line is read as a header). */
function parseHeader(line: string): VadRequest | null {
  try {
    const parsed = VadRequestSchema.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
