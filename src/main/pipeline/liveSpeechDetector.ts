// The speech detector a live recording closes its chunks with: the job's `vad` choice through the
// one factory (openSpeechDetector.ts: Silero in a worker of the job's tree, energy as its
// fallback). 'off' still needs pauses to cut at, so it gets the energy detector.
import type { PipelineSpec } from '@shared/pipelineProtocol'
import type { Log } from './events'
import { openSpeechDetector } from './openSpeechDetector'
import type { SpeechDetector } from './speechDetector'
import { resolveVadModel } from './vadModelPath'

export function openLiveSpeechDetector(spec: PipelineSpec, log: Log): Promise<SpeechDetector> {
  const choice = !spec.vad || spec.vad === 'off' ? 'energy' : spec.vad
  return openSpeechDetector(choice, resolveVadModel(spec.vadModel, spec.modelsDir), { log })
}
