// Silero VAD (whisper.cpp's, v6.2.0) behind the SpeechDetector contract. The model runs in a VAD
// worker process of the job's tree (src/main/engines/vadWorker): native code that can crash never
// runs in the pipeline itself. A worker that dies fails the call; the caller decides what then.
import { VadWorkerClient } from '../engines/vadWorker/client'
import type { VadParams } from '../engines/vadWorker/protocol'
import type { SpeechDetector, SpeechStretch } from './speechDetector'

/**
 * For file jobs: a pause of 0.3 s ends a stretch (sentences, not syllables), 0.1 s of padding
 * keeps a word's soft edges, a blip under 0.25 s is not speech. whisper.cpp's defaults otherwise.
 */
export const FILE_VAD_PARAMS: VadParams = {
  threshold: 0.5,
  minSpeechDurationMs: 250,
  minSilenceDurationMs: 300,
  speechPadMs: 100
}

export class SileroDetector implements SpeechDetector {
  readonly name = 'silero' as const

  private constructor(
    private readonly worker: VadWorkerClient,
    private readonly params: VadParams
  ) {}

  get pid(): number | undefined {
    return this.worker.pid
  }

  get loadMs(): number {
    return this.worker.ready.loadMs
  }

  static async open(o: {
    modelPath: string
    threads: number
    log: (line: string) => void
    params?: VadParams
  }): Promise<SileroDetector> {
    const worker = await VadWorkerClient.start(o)
    return new SileroDetector(worker, o.params ?? FILE_VAD_PARAMS)
  }

  detect(samples: Float32Array): Promise<SpeechStretch[]> {
    const pcm = new Int16Array(samples.length)
    for (let i = 0; i < samples.length; i++)
      pcm[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768)))
    return this.worker.detect(pcm, this.params)
  }

  close(): Promise<void> {
    return this.worker.close()
  }
}
