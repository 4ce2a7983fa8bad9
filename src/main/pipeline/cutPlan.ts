// The chunk plan of one decoded recording: silence-aligned cuts (silenceCuts.ts) from the streamed
// frame levels, or the fixed overlapping cuts of chunking.ts when the spec asks for them (the
// benchmark's baseline). The log line says how the seams fell.
import type { PipelineSpec } from '@shared/pipelineProtocol'
import { measurePcmLevels } from '../media/pcmLevels'
import { planChunks, type ChunkPlan } from './chunking'
import { chunkIsSilent, findSilences, planSilenceCuts } from './silenceCuts'
import { musicVerdict, type MusicVerdict } from './musicCheck'
import type { Gap } from '@shared/transcript'
import type { SpeechDetector, SpeechStretch } from './speechDetector'
import { engineSeconds, planSpeechCuts } from './speechPlan'

/**
 * A seam goes in the longest pause within half a chunk either side of the target length: that is
 * where sentences end, and a chunk that holds whole sentences is transcribed better (pocketsphinx,
 * 124 s of LibriVox at 5 s chunks: 31.5 % WER against 36.1 % with a window of 40 % of a chunk
 * before the target only, and 33.2 % unchunked; 26.5 % either way at 10 s).
 */
export const SEAM_WINDOW_SHARE = 0.5

/** The longest chunk a plan can hold: a seam may fall up to half a chunk past the target. */
export function longestChunkSeconds(chunkSeconds: number): number {
  return chunkSeconds * (1 + SEAM_WINDOW_SHARE)
}

export interface AudioCutPlan {
  chunks: ChunkPlan[]
  /** Per chunk: wholly inside a silence, so there is nothing to transcribe. */
  silent: boolean[]
  silentSeams: number
  overlapSeams: number
  /** Whether the sound looks like music rather than speech (musicCheck.ts). */
  sound: MusicVerdict
  /** Stretches never sent to the engine: no speech there (the VAD's); [] without a VAD. */
  gaps: Gap[]
  /** Where the VAD heard speech; null when the job asked for none (`vad` off). */
  speech: SpeechStretch[] | null
  /** Which detector found `speech` (Silero may have fallen back to energy); null with none. */
  speechBy: SpeechDetector['name'] | null
}

export async function planAudioCuts(
  pcmPath: string,
  durationSeconds: number,
  spec: Pick<PipelineSpec, 'chunkSeconds' | 'overlapSeconds' | 'cutAtSilences'>,
  signal: AbortSignal,
  found: { speech: SpeechStretch[]; detector: SpeechDetector['name'] } | null = null
): Promise<AudioCutPlan> {
  const speech = found?.speech ?? null
  const speechBy = found?.detector ?? null
  const levels = await measurePcmLevels(pcmPath, signal)
  const silences = findSilences(levels)
  const sound = musicVerdict(levels)
  const none = { gaps: [], speech, speechBy }
  if (spec.cutAtSilences === false) {
    const chunks = planChunks(durationSeconds, spec.chunkSeconds, spec.overlapSeconds)
    const silent = chunks.map((c) => chunkIsSilent(c, silences))
    return { chunks, silent, silentSeams: 0, overlapSeams: chunks.length - 1, sound, ...none }
  }
  const options = {
    chunkSeconds: spec.chunkSeconds,
    overlapSeconds: spec.overlapSeconds,
    searchSeconds: spec.chunkSeconds * SEAM_WINDOW_SHARE,
    searchAfterSeconds: spec.chunkSeconds * SEAM_WINDOW_SHARE
  }
  if (speech)
    return { ...planSpeechCuts(durationSeconds, speech, options, levels), sound, speech, speechBy }
  const cut = planSilenceCuts(durationSeconds, silences, options)
  return { ...cut, silent: cut.chunks.map((c) => chunkIsSilent(c, silences)), sound, ...none }
}

export function describeSound(sound: MusicVerdict): string {
  return `${sound.musicLikeWindows} of ${sound.soundingWindows} sounding window(s) music-like${sound.music ? ': music?' : ''}`
}

export function describeSeams(plan: AudioCutPlan): string {
  const seams = plan.silentSeams + plan.overlapSeams
  const silent = plan.silent.filter(Boolean).length
  const gapSeconds = plan.gaps.reduce((sum, g) => sum + g.end - g.start, 0)
  const skipped =
    (silent > 0 ? `; ${silent} silent chunk(s) skipped` : '') +
    `; ${engineSeconds(plan.chunks).toFixed(1)} s to the engine` +
    (plan.speech
      ? `, ${plan.gaps.length} gap(s) without speech (${gapSeconds.toFixed(1)} s) not sent`
      : '')
  if (plan.chunks.length === 0) return `no chunks: no speech found${skipped}`
  if (plan.speech) return `${plan.chunks.length} chunk(s), ${seams} seam(s) inside speech${skipped}`
  if (seams === 0) return `one chunk, no seams${skipped}`
  return `${seams} seam(s): ${plan.silentSeams} at silence, ${plan.overlapSeams} overlapped${skipped}`
}
