// The energy detector for a recording being made: the same rule as a file's (silenceCuts.ts: a
// threshold above the noise floor), but the floor and the speech level are those of everything
// heard so far (the last ten minutes), not of the audio that happens to wait for its chunk. Run
// on the waiting audio alone, the threshold moved with how much had arrived, so the same
// recording was cut differently from run to run (live WER 31.7-38.7 % on one file).
import { measureSampleLevels, levelsOfSamples } from '../media/pcmLevels'
import { findSilences, silenceThresholdDb } from './silenceCuts'
import { VAD_SAMPLE_RATE, type SpeechDetector, type SpeechStretch } from './speechDetector'
import { complementOf } from './speechStretches'

/** Frame levels kept for the threshold: ten minutes of 20 ms frames. */
const HEARD_FRAMES = 30_000

export class RecordingEnergyDetector implements SpeechDetector {
  readonly name = 'energy' as const
  private heard: number[] = []

  /** Audio as it arrives, once each: the levels the threshold is taken from. */
  hear(samples: Int16Array): void {
    if (samples.length === 0) return
    for (const db of measureSampleLevels(samples).db) this.heard.push(db)
    if (this.heard.length > HEARD_FRAMES) this.heard = this.heard.slice(-HEARD_FRAMES)
  }

  detect(samples: Float32Array): Promise<SpeechStretch[]> {
    const levels = levelsOfSamples(samples)
    const heard = this.heard.length > 0 ? Float32Array.from(this.heard) : levels.db
    const silences = findSilences(levels, silenceThresholdDb(heard))
    return Promise.resolve(complementOf(silences, samples.length / VAD_SAMPLE_RATE))
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}
