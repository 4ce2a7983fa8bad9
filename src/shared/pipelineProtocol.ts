// The pipeline subprocess's structured events. They travel as JSON lines on fd 3, apart from the
// human log on stdout/stderr, so a stray print can never break them.
import type { EngineName, OutputFormat, TimedWord } from '@shared/domain'

export const PIPELINE_EVENT_FD = 3

export type PipelineEvent =
  | { type: 'probe'; durationSeconds: number; codec: string | null }
  | { type: 'engine'; name: EngineName; detail: string; processes: number; workers: number }
  | {
      type: 'progress'
      chunksDone: number
      chunksTotal: number
      /** 0..1 */
      fraction: number
      etaSeconds: number | null
    }
  /** A chunk is finished: the words it owns, in absolute seconds (the live transcript). */
  | {
      type: 'chunkWords'
      index: number
      chunksTotal: number
      start: number
      end: number
      words: TimedWord[]
    }
  | { type: 'done'; outputs: Partial<Record<OutputFormat, string>>; wordCount: number }
  /** One line a user can read; the pipeline exits non-zero right after. */
  | { type: 'error'; message: string }

/** Everything the pipeline needs, passed as one JSON argument (never through a shell). */
export interface PipelineSpec {
  jobId: number
  inputPath: string
  outputDir: string
  /** Base name for output files (without extension). */
  outputBaseName: string
  engine: EngineName
  model: string
  processes: number
  workers: number
  chunkSeconds: number
  overlapSeconds: number
  /** Seam chunks at silences where one is near (default); false = fixed overlapping cuts. */
  cutAtSilences?: boolean
  formats: OutputFormat[]
  /** Per-job scratch dir, removed at the end whatever happens. */
  tempDir: string
  /** The job's work folder: chunk plan + finished chunks' words, kept until the job completes. */
  workDir?: string
  /** Reuse the work folder's checkpoints (refused if the input or chunk options changed). */
  resume?: boolean
  /** The instance's model folder, searched first for a model given by name. */
  modelsDir?: string
}

export function parsePipelineEventLine(line: string): PipelineEvent | null {
  try {
    const value: unknown = JSON.parse(line)
    if (value && typeof value === 'object' && 'type' in value) return value as PipelineEvent
  } catch {
    // Not an event line: ignore rather than crash the supervisor.
  }
  return null
}
