// A request too long for one WebSocket frame of the browser host (it takes at most 8 MiB, see
// src/main/webHost/server.ts) goes in parts: its JSON text cut into slices, each sent as
// `{ id, part, parts, text }` (id = the request's), put back together by the host before the
// request is read (src/main/webHost/partedRequests.ts). A save that changes every segment of a
// long transcript (a speaker merge) is one request still: applied whole or not at all. Electron's
// IPC has no such limit and sends the request as it is.
import { z } from 'zod'
import { formatBytes } from '@shared/byteText'

/**
 * Characters of the request per part. One is at most 3 bytes as UTF-8 (2 for the `\"` and `\\`
 * a slice of JSON text becomes inside the frame), so a frame stays under 3 MiB.
 */
export const PART_CHARS = 1024 * 1024

/** The longest request sent in parts: a change of every segment of ~140,000 timed segments. */
export const MAX_PARTED_CHARS = 128 * 1024 * 1024

export const MessagePartSchema = z
  .object({
    id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    part: z.number().int().min(0),
    parts: z
      .number()
      .int()
      .min(2)
      .max(MAX_PARTED_CHARS / PART_CHARS),
    text: z.string().max(PART_CHARS)
  })
  .strict()
  .refine((p) => p.part < p.parts, { error: 'part is past the last one', path: ['part'] })
export type MessagePart = z.infer<typeof MessagePartSchema>

export function tooBigText(chars: number): string {
  return `the request is too big: ${formatBytes(chars)} of JSON (at most ${formatBytes(MAX_PARTED_CHARS)})`
}

/** The frames that carry request `id` (its JSON `text`): itself when it fits one. */
export function messageParts(id: number, text: string): string[] {
  if (text.length <= PART_CHARS) return [text]
  if (text.length > MAX_PARTED_CHARS) throw new Error(tooBigText(text.length))
  const parts = Math.ceil(text.length / PART_CHARS)
  return Array.from({ length: parts }, (_, part) =>
    JSON.stringify({
      id,
      part,
      parts,
      text: text.slice(part * PART_CHARS, (part + 1) * PART_CHARS)
    } satisfies MessagePart)
  )
}
