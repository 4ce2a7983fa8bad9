// Find in a transcript: case- and accent-insensitive ("cafe" finds "Café"), every match with its
// segment and character range in that segment's text.
import type { Segment } from '@shared/transcript'

export interface FindMatch {
  segment: number
  start: number
  end: number
}

/**
 * Lower case without diacritics, one output char per input char where possible, so a match's
 * offsets in the folded text are its offsets in the original text.
 */
export function fold(text: string): string {
  let out = ''
  for (const ch of text) {
    const base = ch
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
    // Keep lengths aligned: a char that folds to several (rare) or none keeps its own length.
    out += base.length === ch.length ? base : ch.toLowerCase().slice(0, ch.length).padEnd(ch.length)
  }
  return out
}

export function findMatches(segments: readonly Segment[], query: string): FindMatch[] {
  const needle = fold(query.trim())
  if (needle.length === 0) return []
  const matches: FindMatch[] = []
  segments.forEach((segment, index) => {
    const hay = fold(segment.text)
    let at = hay.indexOf(needle)
    while (at >= 0) {
      matches.push({ segment: index, start: at, end: at + needle.length })
      at = hay.indexOf(needle, at + needle.length)
    }
  })
  return matches
}
