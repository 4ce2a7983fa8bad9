// A transcript's shape: words, segments, their bounds, and the live words of a running job. No Node here.
import { z } from 'zod'

/**
 * Bounds of a transcript. The pipeline's output and the editor's saves are held to the same ones
 * (the pipeline fits engine words to them before writing), so every transcript made can be saved.
 */
export const TRANSCRIPT_LIMITS = {
  wordChars: 1000,
  segmentChars: 100_000,
  wordsPerSegment: 100_000,
  segments: 200_000,
  /** 115 days: far beyond any recording, and still an exact millisecond in every format. */
  seconds: 10_000_000
} as const

const Seconds = z
  .number({ error: 'must be a number of seconds' })
  .min(0, 'must not be negative')
  .max(TRANSCRIPT_LIMITS.seconds, `must be at most ${TRANSCRIPT_LIMITS.seconds} s`)

const endsAfterStart = (t: { start: number; end: number }): boolean => t.end >= t.start
const ENDS_BEFORE_START = { error: 'ends before it starts', path: ['end'] }

/** Items of a timeline start in order (equal starts are fine); each offender named once. */
function inOrder(label: string) {
  return (items: readonly { start: number }[], ctx: z.RefinementCtx): void => {
    for (let i = 1; i < items.length; i++) {
      if (items[i].start < items[i - 1].start)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'start'],
          message: `starts before the ${label} before it`
        })
    }
  }
}

const textOfAtMost = (chars: number, what: string) =>
  z.string().max(chars, `${what} is at most ${chars} characters`)

/** A stretch of the recording (a word, a segment): exactly these fields, and it ends after it starts. */
const timedStretch = <T extends { start: typeof Seconds; end: typeof Seconds }>(shape: T) =>
  z
    .object(shape)
    .strict()
    // T's start and end are Seconds, so its output has them as numbers (zod cannot infer it here).
    .refine((t) => endsAfterStart(t as { start: number; end: number }), ENDS_BEFORE_START)

/** At most `max` stretches of one kind, in order of their start. */
export const timeline = <T extends z.ZodType<{ start: number }>>(
  item: T,
  max: number,
  label: string
) => z.array(item).max(max).superRefine(inOrder(label))

/**
 * A speaker inside one transcript: 'S1', 'S2', … in order of first appearance (see
 * src/shared/transcript.ts `SpeakerSchema`). Words and segments name it; `speakers` gives its name.
 */
export const SpeakerIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'a speaker id is 1–32 letters, digits, - or _')
export type SpeakerId = z.infer<typeof SpeakerIdSchema>

export const SpeakerSchema = z
  .object({
    id: SpeakerIdSchema,
    name: z
      .string()
      .trim()
      .min(1, 'a speaker needs a name')
      .max(200, 'a speaker name is at most 200 characters')
  })
  .strict()
export type Speaker = z.infer<typeof SpeakerSchema>

/** Why a stretch was marked doubtful (the loop guard's reason, e.g. "repeats itself"), one line. */
const DoubtSchema = z.string().min(1).max(200)

/** A word with times in seconds, as in the json output. */
export const TimedWordSchema = timedStretch({
  word: textOfAtMost(TRANSCRIPT_LIMITS.wordChars, 'a word'),
  start: Seconds,
  end: Seconds,
  /** The engine's confidence in the word, 0–1 (whisper's token probability); absent = unknown. */
  probability: z.number().min(0).max(1).optional(),
  speaker: SpeakerIdSchema.optional()
})
export type TimedWord = z.infer<typeof TimedWordSchema>

export const SegmentSchema = timedStretch({
  start: Seconds,
  end: Seconds,
  text: textOfAtMost(TRANSCRIPT_LIMITS.segmentChars, 'a segment'),
  words: timeline(TimedWordSchema, TRANSCRIPT_LIMITS.wordsPerSegment, 'word'),
  speaker: SpeakerIdSchema.optional(),
  /** Set when the loop/hallucination guard kept this passage after a re-run still failed. */
  doubtful: DoubtSchema.optional()
})
export type Segment = z.infer<typeof SegmentSchema>

export const GAP_KINDS = ['no-speech', 'music'] as const
/** A stretch the voice activity detector found no speech in: never sent to the engine. */
export const GapSchema = timedStretch({
  start: Seconds,
  end: Seconds,
  kind: z.enum(GAP_KINDS)
})
export type Gap = z.infer<typeof GapSchema>

/** Every speaker a word or segment names is listed in `speakers`, once. */
function speakersListed(
  t: { segments: Segment[]; speakers?: Speaker[] },
  ctx: z.RefinementCtx
): void {
  const listed = new Set<string>()
  for (const [i, s] of (t.speakers ?? []).entries()) {
    if (listed.has(s.id))
      ctx.addIssue({
        code: 'custom',
        path: ['speakers', i, 'id'],
        message: `speaker ${s.id} is listed twice`
      })
    listed.add(s.id)
  }
  for (const [i, seg] of t.segments.entries()) {
    const named = [seg.speaker, ...seg.words.map((w) => w.speaker)].find(
      (id) => id !== undefined && !listed.has(id)
    )
    if (named !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['segments', i, 'speaker'],
        message: `speaker ${named} is not in speakers`
      })
  }
}

export const TranscriptSchema = z
  .object({
    durationSeconds: Seconds,
    segments: timeline(SegmentSchema, TRANSCRIPT_LIMITS.segments, 'segment'),
    /** The language asked for ('auto' = detected by the engine) and the task (whisper). */
    language: z.string().max(16).optional(),
    task: z.enum(['transcribe', 'translate']).optional(),
    /** Who speaks, in order of first appearance; absent when the job found no speakers. */
    speakers: z.array(SpeakerSchema).max(1000).optional(),
    /** Stretches with no speech (the VAD's), in order; the exports show them as gap markers. */
    gaps: timeline(GapSchema, TRANSCRIPT_LIMITS.segments, 'gap').optional()
  })
  .strict()
  .superRefine(speakersListed)
export type Transcript = z.infer<typeof TranscriptSchema>

/** The job's output files after an edit was saved (or reverted): rewritten, or left and why. */
export interface TranscriptFiles {
  updated: string[]
  /** e.g. `changed outside Transcriptor`: such a file is never overwritten. */
  left: { path: string; why: string }[]
}

/** What a save answers: the version it made, and what happened to the files on disk. */
export interface TranscriptSaved {
  editedAt: number
  files: TranscriptFiles
}

/** A save made on a version another client (or host) has since replaced. */
export const TRANSCRIPT_CHANGED_ELSEWHERE = 'changed elsewhere — reload'

/** A job's transcript as the job page and exports see it. */
export interface TranscriptDocument {
  /** With the user's edits, if any. */
  transcript: Transcript
  /**
   * Epoch ms of the last edit; null = the engine's output unchanged. Also the version: a save
   * names the one it was made on.
   */
  editedAt: number | null
  /** Set by a save or a revert: what happened to the files on disk. */
  files?: TranscriptFiles
}

/** One finished chunk's words while its job runs: absolute times, only the words it owns. */
export interface LiveChunk {
  jobId: number
  index: number
  chunksTotal: number
  /** The chunk's span of the recording, in seconds. */
  start: number
  end: number
  words: TimedWord[]
}

/** Every chunk finished so far of a running job (chunks in index order; gaps still running). */
export interface LiveWords {
  jobId: number
  chunksTotal: number
  chunks: LiveChunk[]
}
