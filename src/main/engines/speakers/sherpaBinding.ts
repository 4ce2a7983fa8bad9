// The few parts of sherpa-onnx-node the speaker worker uses, typed here: the package ships no
// TypeScript declarations. Loaded only inside the speaker worker process (native code that can
// exit or crash on a bad model must never run in the pipeline or a host).
import { createRequire } from 'node:module'

export interface DiarizationSegment {
  start: number
  end: number
  speaker: number
}

export interface OfflineSpeakerDiarization {
  readonly sampleRate: number
  process(samples: Float32Array): DiarizationSegment[]
}

export interface EmbeddingStream {
  acceptWaveform(wave: { samples: Float32Array; sampleRate: number }): void
  inputFinished(): void
}

export interface SpeakerEmbeddingExtractor {
  readonly dim: number
  createStream(): EmbeddingStream
  isReady(stream: EmbeddingStream): boolean
  compute(stream: EmbeddingStream, enableExternalBuffer?: boolean): Float32Array
}

export interface SpeakerEmbeddingManager {
  add(entry: { name: string; v: Float32Array }): boolean
  remove(name: string): boolean
  search(query: { v: Float32Array; threshold: number }): string
}

export interface SherpaOnnx {
  OfflineSpeakerDiarization: new (config: {
    segmentation: { pyannote: { model: string }; numThreads: number; debug: number }
    embedding: { model: string; numThreads: number; debug: number }
    clustering: { numClusters: number; threshold: number }
    minDurationOn: number
    minDurationOff: number
  }) => OfflineSpeakerDiarization
  SpeakerEmbeddingExtractor: new (config: {
    model: string
    numThreads: number
    debug: number
  }) => SpeakerEmbeddingExtractor
  SpeakerEmbeddingManager: new (dim: number) => SpeakerEmbeddingManager
}

export function loadSherpa(): SherpaOnnx {
  return createRequire(__filename)('sherpa-onnx-node') as SherpaOnnx
}
