// The speaker step after the chunks: started once every chunk has its words (its worker's memory
// then never adds to the engine's), counted as one more step of the job's progress, and never
// failing the job. A failure is a warning (the transcript completes without speakers); a stop
// ends it with the job.
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { oneLineError } from '@shared/errors'
import { SpeakerStepError } from '../engines/speakers/speakerWorkerClient'
import type { ChunkProgress } from './chunkProgress'
import type { EventSink, Log } from './events'
import { findSpeakers, wantsSpeakers, type FoundSpeakers } from './speakerStep'

export interface SpeakerRunContext {
  pcmPath: string
  durationSeconds: number
  emit: EventSink
  log: Log
  signal: AbortSignal
  progress: ChunkProgress
  /** The step's index in the progress (after the chunks). */
  progressIndex: number
}

/** Resolves to the speakers, or null when none were asked, the step failed, or the job stopped. */
export async function runSpeakerStep(
  spec: PipelineSpec,
  c: SpeakerRunContext
): Promise<FoundSpeakers | null> {
  if (!wantsSpeakers(spec)) return null
  c.progress.speakersStarted(c.progressIndex)
  try {
    const found = await findSpeakers(spec, {
      pcmPath: c.pcmPath,
      durationSeconds: c.durationSeconds,
      threads: 1,
      log: c.log,
      signal: c.signal,
      onProgress: (f) => {
        c.progress.partial(c.progressIndex, f)
        c.log(`speakers: ${Math.round(f * 100)}%`)
      }
    })
    c.progress.done(c.progressIndex)
    return found
  } catch (err) {
    if (c.signal.aborted) return null
    const reason = err instanceof SpeakerStepError ? err.message : oneLineError(err)
    const message = `speakers are missing: ${reason}`
    c.emit({ type: 'warning', message })
    c.log(`warning: ${message}`)
    c.progress.done(c.progressIndex)
    return null
  }
}
