// The live recording's channels of the IPC contract (spread into contract.ts's map): the renderer
// starts a recording (a job from its first second), sends its microphone's audio in small frames,
// one request at a time (the answer is the backpressure), and stops it.
import { z } from 'zod'
import { JobOptionsSchema, type JobRow } from '@shared/domain'

/** Result marker: carries the output type only (never read at run time). */
function returns<T>(): T {
  return undefined as T
}

/** 16 kHz mono s16le, base64: at most ~6 s per request (a frame is 100 ms; a backlog is sent at once). */
export const MAX_RECORDING_FRAME_BASE64 = 256 * 1024

export interface RecordingAppendResult {
  /** Seconds recorded so far. */
  seconds: number
  /** Why the recording stopped by itself (a full disk, its job ended), once it has. */
  stopped: string | null
}

export const recordingContract = {
  'recording.start': {
    input: z
      .object({
        options: z.lazy(() => JobOptionsSchema),
        keepInBackground: z.boolean().optional()
      })
      .strict(),
    output: returns<JobRow>()
  },
  'recording.append': {
    input: z
      .object({
        id: z.number().int().positive(),
        pcm: z
          .string()
          .max(MAX_RECORDING_FRAME_BASE64)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/)
      })
      .strict(),
    output: returns<RecordingAppendResult>()
  },
  'recording.stop': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: returns<JobRow>()
  }
} as const
