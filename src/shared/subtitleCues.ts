// Subtitle cues by the usual rules: a cue ends at a sentence end where it can, holds at most two
// lines of at most 42 characters, and is timed by its words (or, for text the user rewrote, by
// its share of the segment's time). Pure: the pipeline's files and the page's downloads agree.
import type { Segment } from '@shared/transcript'

export const MAX_LINE_CHARS = 42
export const MAX_CUE_LINES = 2

export interface Cue {
  start: number
  end: number
  /** One or two lines. */
  lines: string[]
}

/** Splits after . ! ? … (with any closing quote or bracket) followed by a space. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…]["'”’)\]]*)\s+/u)
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Two lines, broken at the space nearest the middle that keeps both within the limit. */
export function wrapLines(text: string, max = MAX_LINE_CHARS): string[] {
  if (text.length <= max) return [text]
  let best = -1
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) {
    if (i > max || text.length - i - 1 > max) continue
    if (best < 0 || Math.abs(i - text.length / 2) < Math.abs(best - text.length / 2)) best = i
  }
  return best < 0 ? [text] : [text.slice(0, best), text.slice(best + 1)]
}

/** Words of a sentence packed greedily into pieces that each fit in two lines. */
function pieces(words: string[]): string[][] {
  const out: string[][] = []
  let current: string[] = []
  const fits = (ws: string[]): boolean => {
    const lines = wrapLines(ws.join(' '))
    return lines.length <= MAX_CUE_LINES && lines.every((l) => l.length <= MAX_LINE_CHARS)
  }
  for (const word of words) {
    if (current.length > 0 && !fits([...current, word])) {
      out.push(current)
      current = []
    }
    current.push(word)
  }
  if (current.length > 0) out.push(current)
  return out
}

export function segmentCues(segment: Segment): Cue[] {
  const tokens = segment.text.split(/\s+/).filter(Boolean)
  if (tokens.length === 0) return []
  // Unedited text is its words one for one, so each piece takes its words' times.
  const timedByWords =
    segment.words.length === tokens.length && segment.words.every((w, i) => w.word === tokens[i])
  const totalChars = tokens.join(' ').length
  const span = Math.max(0, segment.end - segment.start)
  const cues: Cue[] = []
  let tokenIndex = 0
  let charsBefore = 0
  for (const sentence of sentences(segment.text)) {
    for (const piece of pieces(sentence.split(/\s+/).filter(Boolean))) {
      const first = tokenIndex
      const last = tokenIndex + piece.length - 1
      const text = piece.join(' ')
      let start: number
      let end: number
      if (timedByWords) {
        start = segment.words[first].start
        end = segment.words[last].end
      } else {
        start = segment.start + (span * charsBefore) / totalChars
        end = segment.start + (span * Math.min(totalChars, charsBefore + text.length)) / totalChars
      }
      cues.push({ start, end, lines: wrapLines(text) })
      tokenIndex += piece.length
      charsBefore += text.length + 1
    }
  }
  return cues
}

export function transcriptCues(segments: readonly Segment[]): Cue[] {
  return segments.flatMap(segmentCues)
}
