// The one place a speech detector is chosen: Silero when asked and its model loads, else the
// energy detector — a missing or broken VAD model costs one log line, never the job. File jobs
// (runPipeline) and live recording open their detector here.
import type { VadChoice } from '@shared/domain'
import { oneLineError } from '@shared/errors'
import { checkVadModelFile } from '../engines/vadWorker/vadModelFile'
import type { VadParams } from '../engines/vadWorker/protocol'
import { EnergyDetector } from './energyDetector'
import { SileroDetector } from './sileroDetector'
import type { SpeechDetector } from './speechDetector'
import type { ResolvedVadModel } from './vadModelPath'

export interface OpenDetectorOptions {
  log: (line: string) => void
  /** Threads for the VAD worker (default 1: the engine needs the others). */
  threads?: number
  params?: VadParams
}

export async function openSpeechDetector(
  choice: Exclude<VadChoice, 'off'>,
  model: ResolvedVadModel,
  o: OpenDetectorOptions
): Promise<SpeechDetector> {
  if (choice === 'energy') return new EnergyDetector()
  const fallback = (why: string): SpeechDetector => {
    o.log(`vad: ${why}; using the energy detector`)
    return new EnergyDetector()
  }
  if ('missing' in model) return fallback(model.missing)
  const check = checkVadModelFile(model.path)
  if (!check.ok) return fallback(check.reason)
  try {
    const detector = await SileroDetector.open({
      modelPath: model.path,
      threads: o.threads ?? 1,
      log: o.log,
      params: o.params
    })
    o.log(`vad: Silero (${model.path}) loaded in ${detector.loadMs} ms, worker pid ${detector.pid}`)
    return detector
  } catch (error) {
    return fallback(`the VAD model ${model.path} did not load (${oneLineError(error)})`)
  }
}
