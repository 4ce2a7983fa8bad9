// A whole decoded file through a speech detector: read in windows of a few minutes (an hour of
// 16 kHz samples as floats is 230 MB; a window is 19 MB), each window's stretches shifted to the
// file's time and joined across window edges, where a stretch the edge cut in two continues.
import { open } from 'node:fs/promises'
import { VAD_SAMPLE_RATE, type SpeechDetector, type SpeechStretch } from './speechDetector'
import { joinStretches } from './speechStretches'
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { oneLineError } from '@shared/errors'
import { EnergyDetector } from './energyDetector'
import { openSpeechDetector } from './openSpeechDetector'
import { resolveVadModel } from './vadModelPath'

export const DETECT_WINDOW_SECONDS = 300
/** A stretch ending this close to a window's edge, and the next starting as close, are one. */
const EDGE_SECONDS = 0.35

export async function detectFileSpeech(
  detector: SpeechDetector,
  pcmPath: string,
  signal?: AbortSignal
): Promise<SpeechStretch[]> {
  const file = await open(pcmPath, 'r')
  const found: SpeechStretch[] = []
  const edges: number[] = []
  try {
    const windowBytes = DETECT_WINDOW_SECONDS * VAD_SAMPLE_RATE * 2
    const buffer = Buffer.allocUnsafeSlow(windowBytes)
    for (let offset = 0; ; offset += windowBytes) {
      signal?.throwIfAborted()
      const { bytesRead } = await file.read(buffer, 0, windowBytes, offset)
      if (bytesRead < 2) break
      const pcm = new Int16Array(buffer.buffer, buffer.byteOffset, bytesRead >> 1)
      const samples = new Float32Array(pcm.length)
      for (let i = 0; i < pcm.length; i++) samples[i] = pcm[i] / 32768
      const at = offset / 2 / VAD_SAMPLE_RATE
      for (const s of await detector.detect(samples))
        found.push({ start: s.start + at, end: s.end + at })
      edges.push(at + pcm.length / VAD_SAMPLE_RATE)
      if (bytesRead < windowBytes) break
    }
  } finally {
    await file.close()
  }
  return joinAtEdges(joinStretches(found), edges)
}

/** Two stretches either side of a window edge, each within EDGE_SECONDS of it, become one. */
function joinAtEdges(stretches: SpeechStretch[], edges: number[]): SpeechStretch[] {
  const out: SpeechStretch[] = []
  for (const s of stretches) {
    const last = out.at(-1)
    const edge = last && edges.find((e) => last.end >= e - EDGE_SECONDS && last.end <= e + 1e-6)
    if (last && edge !== undefined && s.start <= edge + EDGE_SECONDS) last.end = s.end
    else out.push({ ...s })
  }
  return out
}

export interface FileSpeech {
  /** Which detector answered (Silero may have fallen back to energy). */
  detector: SpeechDetector['name']
  speech: SpeechStretch[]
}

/**
 * The speech in a job's decoded audio by the detector its options ask for, or null for `vad`
 * off. A detector that fails midway (its worker crashed) costs one log line: energy answers.
 */
export async function speechOfFile(
  spec: Pick<PipelineSpec, 'vad' | 'vadModel' | 'modelsDir' | 'workers'>,
  pcmPath: string,
  signal: AbortSignal,
  log: (line: string) => void
): Promise<FileSpeech | null> {
  if (!spec.vad || spec.vad === 'off') return null
  const started = Date.now()
  const model = resolveVadModel(spec.vadModel, spec.modelsDir)
  let detector = await openSpeechDetector(spec.vad, model, { log, threads: spec.workers })
  let speech: SpeechStretch[]
  try {
    speech = await detectFileSpeech(detector, pcmPath, signal)
  } catch (error) {
    await detector.close()
    if (signal.aborted) throw error
    log(`vad: ${detector.name} failed (${oneLineError(error)}); using the energy detector`)
    detector = new EnergyDetector()
    speech = await detectFileSpeech(detector, pcmPath, signal)
  } finally {
    await detector.close()
  }
  const seconds = speech.reduce((sum, s) => sum + s.end - s.start, 0)
  log(
    `vad: ${detector.name} found ${seconds.toFixed(1)} s of speech in ${speech.length} stretch(es) ` +
      `in ${Date.now() - started} ms`
  )
  return { detector: detector.name, speech }
}
