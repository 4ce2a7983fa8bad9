// What a user must be told about a transcript that succeeded but may not be what they expect:
// nothing was heard, only music was (the engine's "words" are then noise), the file held less
// audio than its header claims (a truncated download), or long stretches had no speech. Pure: from
// the probe's and the decoder's lengths, the words and the music verdict.
import type { TimedWord } from '@shared/transcript'
import { clockText } from '@shared/clockText'

/** A gap in the words at least this long is worth saying (a silent or music-only stretch). */
export const LONG_GAP_SECONDS = 60
const MAX_GAPS_LISTED = 3

export interface WarningInput {
  /** What the container's header claims (ffprobe); 0 when it says nothing. */
  probedSeconds: number
  decodedSeconds: number
  words: TimedWord[]
  /** The sound throughout looks like music, not speech (musicCheck.ts): the words are noise. */
  music?: boolean
}

/** Said when the recording holds sound but no speech: whatever words an engine found are not. */
export const MUSIC_WARNING = 'no speech found: music?'

export function transcriptWarnings({
  probedSeconds,
  decodedSeconds,
  words,
  music = false
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
  if (music) {
    warnings.push(MUSIC_WARNING)
    return warnings
  }
  if (words.length === 0) {
    warnings.push('no speech found')
    return warnings
  }
  const gaps: string[] = []
  let previousEnd = 0
  for (const word of [...words, { word: '', start: decodedSeconds, end: decodedSeconds }]) {
    if (word.start - previousEnd >= LONG_GAP_SECONDS)
      gaps.push(`${clockText(previousEnd)}–${clockText(word.start)}`)
    previousEnd = Math.max(previousEnd, word.end)
  }
  if (gaps.length > 0) {
    const listed = gaps.slice(0, MAX_GAPS_LISTED).join(', ')
    const more = gaps.length > MAX_GAPS_LISTED ? ` and ${gaps.length - MAX_GAPS_LISTED} more` : ''
    warnings.push(`no speech found in ${listed}${more}`)
  }
  return warnings
}
