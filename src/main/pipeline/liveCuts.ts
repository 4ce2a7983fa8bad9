// Where a live recording's next chunk closes: at the first pause after some speech, so a chunk
// ends between words and its words show soon after they were said; at the longest pause in its
// second half once it reaches the maximum length (so words never wait long), or at that length
// when nobody paused. Pure: the same audio and stretches always give the same cuts.
import type { SpeechStretch } from './speechDetector'

export interface LiveCutOptions {
  /** A chunk never holds more than this (seconds). */
  maxSeconds: number
  /** A gap between speech this long is a pause a chunk may close at. */
  minPauseSeconds: number
  /**
   * A pause still going on at the end of the audio so far must be this long: the detector sees
   * the audio up to now only, so a dip between two words at the very end looks like a pause
   * until the next word arrives (cut there, a chunk ended mid-phrase, and how often depended on
   * when the audio happened to arrive: live WER varied 31.7–38.7 % run to run on one file).
   */
  trailingPauseSeconds: number
}

export const LIVE_CUT_DEFAULTS: LiveCutOptions = {
  maxSeconds: 10,
  minPauseSeconds: 0.3,
  trailingPauseSeconds: 0.8
}
/** Silence with no speech yet is let go (as a silent chunk) once it is this long. */
const SILENCE_RELEASE_SECONDS = 2
/** The part of a silence kept for the next chunk: speech may be starting in it. */
const SILENCE_KEPT_SECONDS = 0.5

export interface LiveCut {
  /** Seconds from the start of the audio not yet in a chunk. */
  at: number
  /** No speech before the cut: nothing to transcribe. */
  silent: boolean
}

/** Pauses that follow some speech: between stretches, and the one still going on at the end. */
function pausesAfterSpeech(
  available: number,
  stretches: SpeechStretch[],
  o: LiveCutOptions
): SpeechStretch[] {
  const pauses: SpeechStretch[] = []
  for (let i = 0; i < stretches.length; i++) {
    const last = i + 1 === stretches.length
    const end = last ? available : stretches[i + 1].start
    const needed = last ? o.trailingPauseSeconds : o.minPauseSeconds
    if (end - stretches[i].end >= needed) pauses.push({ start: stretches[i].end, end })
  }
  return pauses
}

/**
 * The next cut in `available` seconds of audio whose speech is `stretches`, or null to wait for
 * more. `ended`: the recording has stopped, everything left becomes the last chunk.
 */
export function nextLiveCut(
  available: number,
  stretches: SpeechStretch[],
  ended: boolean,
  o: LiveCutOptions = LIVE_CUT_DEFAULTS
): LiveCut | null {
  if (available <= 0) return null
  const speech = stretches.filter((s) => s.end > s.start && s.start < available)
  if (speech.length === 0) {
    if (ended) return { at: available, silent: true }
    if (available < SILENCE_RELEASE_SECONDS) return null
    return { at: available - SILENCE_KEPT_SECONDS, silent: true }
  }
  const pauses = pausesAfterSpeech(available, speech, o)
  const first = pauses.find((p) => (p.start + p.end) / 2 <= o.maxSeconds)
  if (first) return { at: (first.start + first.end) / 2, silent: false }
  if (ended && available <= o.maxSeconds) return { at: available, silent: false }
  if (available < o.maxSeconds) return null
  return { at: longestGapCut(speech, o.maxSeconds), silent: false }
}

/** The middle of the longest gap between stretches in the chunk's second half, else its maximum. */
function longestGapCut(speech: SpeechStretch[], maxSeconds: number): number {
  let best: SpeechStretch | null = null
  for (let i = 0; i + 1 < speech.length; i++) {
    const gap = { start: speech[i].end, end: Math.min(speech[i + 1].start, maxSeconds) }
    if (gap.start < maxSeconds / 2 || gap.end <= gap.start) continue
    if (!best || gap.end - gap.start > best.end - best.start) best = gap
  }
  return best ? (best.start + best.end) / 2 : maxSeconds
}
