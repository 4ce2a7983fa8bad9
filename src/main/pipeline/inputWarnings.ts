// What a user must be told about a transcript that succeeded but may not be what they expect:
// nothing was heard, only music was (the engine's "words" are then noise), the file held less
// audio than its header claims (a truncated download), or long stretches had no speech. Pure: from
// the probe's and the decoder's lengths, the words and the music verdict.
import type { Gap, TimedWord } from '@shared/transcript'
import { clockText } from '@shared/clockText'

/** A gap in the words at least this long is worth saying (a silent or music-only stretch). */
export const LONG_GAP_SECONDS = 60
const MAX_GAPS_LISTED = 3

export interface WarningInput {
  /** What the file claims its audio lasts (the audio stream's own length: mediaProbe.ts); 0 when nothing. */
  probedSeconds: number
  decodedSeconds: number
  words: TimedWord[]
  /** The sound throughout looks like music, not speech (musicCheck.ts): the words are noise. */
  music?: boolean
  /**
   * What the VAD heard, when the job used one: it decides "no speech found" (not the engine's
   * words, which pocketsphinx finds in any noise) and the long stretches without speech.
   */
  speech?: { found: boolean; gaps: Gap[] } | null
}

/** Said when the recording holds sound but no speech: whatever words an engine found are not. */
export const MUSIC_WARNING = 'no speech found: music?'

export function transcriptWarnings({
  probedSeconds,
  decodedSeconds,
  words,
  music = false,
  speech = null
}: WarningInput): string[] {
  const warnings: string[] = []
  if (
    probedSeconds > 0 &&
    decodedSeconds < probedSeconds * 0.9 &&
    probedSeconds - decodedSeconds >= 1
  )
    warnings.push(
      `decoded ${decodedSeconds.toFixed(1)} s of ${probedSeconds.toFixed(1)} s: file truncated?`
    )
  // With a VAD, speech it heard is speech even over music; without one, the music cue decides.
  if (speech ? !speech.found && (music || speech.gaps.some((g) => g.kind === 'music')) : music) {
    warnings.push(MUSIC_WARNING)
    return warnings
  }
  if (speech ? !speech.found : words.length === 0) {
    warnings.push('no speech found')
    return warnings
  }
  const gaps = speech
    ? speech.gaps
        .filter((g) => g.end - g.start >= LONG_GAP_SECONDS)
        .map((g) => `${clockText(g.start)}–${clockText(g.end)}`)
    : wordGaps(words, decodedSeconds)
  if (gaps.length > 0) {
    const listed = gaps.slice(0, MAX_GAPS_LISTED).join(', ')
    const more = gaps.length > MAX_GAPS_LISTED ? ` and ${gaps.length - MAX_GAPS_LISTED} more` : ''
    warnings.push(`no speech found in ${listed}${more}`)
  }
  return warnings
}

/** Stretches of at least LONG_GAP_SECONDS between the words (the engine's view of no speech). */
function wordGaps(words: TimedWord[], decodedSeconds: number): string[] {
  const gaps: string[] = []
  let previousEnd = 0
  for (const word of [...words, { word: '', start: decodedSeconds, end: decodedSeconds }]) {
    if (word.start - previousEnd >= LONG_GAP_SECONDS)
      gaps.push(`${clockText(previousEnd)}–${clockText(word.start)}`)
    previousEnd = Math.max(previousEnd, word.end)
  }
  return gaps
}
