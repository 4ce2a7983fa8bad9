// The energy detector: speech is wherever the audio is not silent by the cut planner's own rule
// (silenceCuts.ts: a threshold above the recording's noise floor, over 20 ms frame levels from
// pcmLevels.ts). It hears noise and music as speech, which is why Silero is the default; it is
// the fallback when no VAD model is installed or it fails, and a choice of its own ('energy').
import { levelsOfSamples } from '../media/pcmLevels'
import { findSilences } from './silenceCuts'
import { VAD_SAMPLE_RATE, type SpeechDetector, type SpeechStretch } from './speechDetector'
import { complementOf } from './speechStretches'

export class EnergyDetector implements SpeechDetector {
  readonly name = 'energy' as const

  detect(samples: Float32Array): Promise<SpeechStretch[]> {
    const duration = samples.length / VAD_SAMPLE_RATE
    return Promise.resolve(complementOf(findSilences(levelsOfSamples(samples)), duration))
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}
