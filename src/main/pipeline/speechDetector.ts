// The voice activity detector's contract, one for file jobs (chunk seams, no-speech gaps) and
// live recording (chunks close at pauses): given 16 kHz mono samples, the
// stretches that hold speech. Silero (whisper.cpp's VAD, in a worker process of the job's tree:
// native code that can crash never runs in the pipeline itself) implements it, and the energy
// detector as the fallback when no VAD model is installed or it fails to load.

/** The only rate a detector takes: what the pipeline decodes every input to. */
export const VAD_SAMPLE_RATE = 16_000

/** Seconds from the first sample handed to `detect`. */
export interface SpeechStretch {
  start: number
  end: number
}

export interface SpeechDetector {
  readonly name: 'silero' | 'energy'
  /** Speech stretches in `samples` (mono, VAD_SAMPLE_RATE, -1…1), in order, not overlapping. */
  detect(samples: Float32Array): Promise<SpeechStretch[]>
  /** Ends the detector's worker process, if it has one. */
  close(): Promise<void>
}
