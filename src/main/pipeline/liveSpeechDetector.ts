// The speech detector a live recording closes its chunks with: the job's `vad` choice through the
// one factory (openSpeechDetector.ts: Silero in a worker of the job's tree, energy as its
// fallback). 'off' still needs pauses to cut at, so it gets the energy detector, in its form for
// a recording (recordingEnergyDetector.ts).
import type { PipelineSpec } from '@shared/pipelineProtocol'
import type { Log } from './events'
import { openSpeechDetector } from './openSpeechDetector'
import type { SpeechDetector } from './speechDetector'
import { resolveVadModel } from './vadModelPath'
import { RecordingEnergyDetector } from './recordingEnergyDetector'

export async function openLiveSpeechDetector(
  spec: PipelineSpec,
  log: Log
): Promise<SpeechDetector & { hear?: (samples: Int16Array) => void }> {
  const choice = !spec.vad || spec.vad === 'off' ? 'energy' : spec.vad
  const detector = await openSpeechDetector(
    choice,
    resolveVadModel(spec.vadModel, spec.modelsDir),
    {
      log
    }
  )
  // The energy rule (chosen, or Silero's fallback) takes its threshold from all that was heard.
  return detector.name === 'energy' ? new RecordingEnergyDetector() : detector
}
