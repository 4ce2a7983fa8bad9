// The job's speaker step: who speaks when, over the WHOLE decoded file (not per chunk, so a
// voice keeps its label across chunks), in the speaker worker process. It runs after the chunks
// (runPipeline.ts); its result is checkpointed in the work folder (a resume reuses it). A failure
// is one line: the transcript still completes, with a warning that speakers are missing.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { checkSpeakerModel, type SpeakerModelKind } from '../engines/speakers/speakerModelCheck'
import { resolveSpeakerModel } from '../engines/speakers/speakerModelPath'
import { DiarizeReplySchema, type DiarizeRequest } from '../engines/speakers/protocol'
import {
  runSpeakerWorker,
  SpeakerStepError,
  type DiarizeResult
} from '../engines/speakers/speakerWorkerClient'
import { writeJsonAtomic } from './checkpoints'
import type { Log } from './events'

const CHECKPOINT_FILE = 'speakers.json'
/** Ten minutes of audio at a time: about 40 MB of samples, whatever the file's length. */
export const SPEAKER_WINDOW_SECONDS = 600

export interface FoundSpeakers {
  result: DiarizeResult
  /** The embedding model's name (a voice is matched only against voices of the same model). */
  embeddingModel: string
}

const CheckpointSchema = z.object({
  key: z.string(),
  embeddingModel: z.string(),
  result: DiarizeReplySchema
})

export function wantsSpeakers(spec: PipelineSpec): boolean {
  return spec.speakers !== undefined && spec.speakers !== 'off'
}

function modelPath(spec: PipelineSpec, kind: SpeakerModelKind): { path: string; name: string } {
  const value = (kind === 'segmentation' ? spec.segmentationModel : spec.embeddingModel) ?? ''
  const found = resolveSpeakerModel(value, kind, spec.modelsDir)
  if ('reason' in found) throw new SpeakerStepError(found.reason)
  const check = checkSpeakerModel(found.path, kind)
  if (!check.ok) throw new SpeakerStepError(check.reason)
  return found
}

async function loadCheckpoint(spec: PipelineSpec, key: string): Promise<FoundSpeakers | null> {
  if (!spec.workDir || !spec.resume) return null
  try {
    const parsed = CheckpointSchema.safeParse(
      JSON.parse(await readFile(join(spec.workDir, CHECKPOINT_FILE), 'utf8'))
    )
    if (!parsed.success || parsed.data.key !== key || parsed.data.result.type !== 'result')
      return null
    return { result: parsed.data.result, embeddingModel: parsed.data.embeddingModel }
  } catch {
    return null
  }
}

async function saveCheckpoint(spec: PipelineSpec, key: string, found: FoundSpeakers, log: Log) {
  if (!spec.workDir) return
  try {
    await writeJsonAtomic(join(spec.workDir, CHECKPOINT_FILE), { key, ...found })
  } catch (err) {
    log(`speakers: checkpoint not saved (${(err as Error).message}); a resume would redo them`)
  }
}

export interface SpeakerStepContext {
  pcmPath: string
  durationSeconds: number
  threads: number
  log: Log
  signal: AbortSignal
  onProgress: (fraction: number) => void
}

/** The speakers of the whole file; throws SpeakerStepError (one line) or 'cancelled'. */
export async function findSpeakers(
  spec: PipelineSpec,
  c: SpeakerStepContext
): Promise<FoundSpeakers> {
  const segmentation = modelPath(spec, 'segmentation')
  const embedding = modelPath(spec, 'embedding')
  const request: DiarizeRequest = {
    pcmPath: c.pcmPath,
    segmentationModel: segmentation.path,
    embeddingModel: embedding.path,
    speakers: typeof spec.speakers === 'number' ? spec.speakers : null,
    threshold: spec.speakerThreshold ?? 0.5,
    threads: c.threads,
    windowSeconds: Number(process.env.TRANSCRIPTOR_SPEAKER_WINDOW_SECONDS) || SPEAKER_WINDOW_SECONDS
  }
  const { pcmPath: _pcm, ...shape } = request
  void _pcm
  const key = JSON.stringify(shape)
  const reused = await loadCheckpoint(spec, key)
  if (reused) {
    c.log(`speakers: reused from the checkpoint (${reused.result.speakers.length} speaker(s))`)
    return reused
  }
  c.log(
    `speakers: ${segmentation.name} + ${embedding.name}, ${request.speakers ?? `threshold ${request.threshold}`}`
  )
  const started = Date.now()
  const result = await runSpeakerWorker(request, {
    log: c.log,
    signal: c.signal,
    onProgress: c.onProgress
  })
  const seconds = (Date.now() - started) / 1000
  c.log(
    `speakers: ${result.speakers.length} found in ${seconds.toFixed(1)} s ` +
      `(${((seconds / Math.max(c.durationSeconds, 1)) * 60).toFixed(2)} s per minute of audio)`
  )
  const found = { result, embeddingModel: embedding.name }
  await saveCheckpoint(spec, key, found, c.log)
  return found
}
