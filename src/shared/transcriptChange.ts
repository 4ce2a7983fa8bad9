// What a save sends: the change from the version it was made on, not the whole transcript. A
// one-word edit of an 11-hour transcript is one segment, where the whole would be megabytes (more
// than a WebSocket message may carry). The editor computes it as the segments between the common
// start and the common end of the two versions; the host applies it to the version it stores.
import { z } from 'zod'
import {
  SegmentSchema,
  SpeakerSchema,
  TRANSCRIPT_LIMITS,
  timeline,
  type Segment,
  type Transcript
} from '@shared/transcript'

const SegmentIndex = z.number().int().min(0).max(TRANSCRIPT_LIMITS.segments)

export const TranscriptChangeSchema = z
  .object({
    /** Segments [from, from + deleteCount) of the version edited give way to `segments`. */
    from: SegmentIndex,
    deleteCount: SegmentIndex,
    segments: timeline(SegmentSchema, TRANSCRIPT_LIMITS.segments, 'segment'),
    /** The speakers as edited (a rename, a merge); absent = as they were. */
    speakers: z.array(SpeakerSchema).max(1000).optional()
  })
  .strict()
export type TranscriptChange = z.infer<typeof TranscriptChangeSchema>

/**
 * `edited` as a change of `saved`. Segments are compared by identity: an edit keeps the segments
 * it did not touch (src/renderer/src/store/transcriptStore.ts), and two equal segments that are
 * not the same object only make the change larger, never wrong.
 */
export function changeBetween(saved: Transcript, edited: Transcript): TranscriptChange {
  const a = saved.segments
  const b = edited.segments
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++
  return {
    from: head,
    deleteCount: a.length - head - tail,
    segments: b.slice(head, b.length - tail),
    ...(edited.speakers !== saved.speakers && edited.speakers && { speakers: edited.speakers })
  }
}

/** The transcript with `change` made; throws when the change does not fit its segments. */
export function applyChange(t: Transcript, change: TranscriptChange): Transcript {
  const { from, deleteCount } = change
  if (from + deleteCount > t.segments.length)
    throw new Error(
      `the change replaces segments ${from}–${from + deleteCount} of ${t.segments.length}: reload`
    )
  const segments: Segment[] = [
    ...t.segments.slice(0, from),
    ...change.segments,
    ...t.segments.slice(from + deleteCount)
  ]
  return { ...t, segments, ...(change.speakers && { speakers: change.speakers }) }
}
