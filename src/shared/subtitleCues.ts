// Subtitle cues by the usual rules: a cue ends at a sentence end where it can (an abbreviation
// such as "Mr." is no sentence end), holds at most two lines of at most 42 characters, and a long
// sentence is cut into pieces of even length (never a one-word tail). Each cue is timed by its
// words (the text as edited: src/shared/segmentTextWords.ts), then held on screen at least
// MIN_CUE_SECONDS and long enough to read at READING_CPS, as far as the silence after it allows;
// a cue that still could not be read is joined to a neighbour of its segment when both fit.
// With speakers, a cue never spans two turns. Pure: the pipeline's files and the page's
// downloads agree.
import type { Segment, TimedWord, Transcript } from '@shared/transcript'
import { segmentTextWords } from '@shared/segmentTextWords'

export const MAX_LINE_CHARS = 42
export const MAX_CUE_LINES = 2
export const MIN_CUE_SECONDS = 0.8
export const READING_CPS = 20

export interface Cue {
  start: number
  end: number
  /** One or two lines. */
  lines: string[]
}

/** Words ending in a period that do not end a sentence (lower case, without the final period). */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st jr sr prof rev gen capt lt col sgt hon mt ft vs etc e.g i.e cf approx no vol fig'.split(
    ' '
  )
)

/** True when a sentence ends after this token: . ! ? … (with closing quotes), not an abbreviation. */
export function endsSentence(token: string): boolean {
  const bare = token.replace(/["'”’)\]]+$/u, '')
  if (!/[.!?…]$/u.test(bare)) return false
  if (!bare.endsWith('.') || bare.endsWith('..')) return true
  const word = bare
    .slice(0, -1)
    .replace(/^["'“‘([]+/u, '')
    .toLowerCase()
  // A single letter ("J. Smith") is an initial, not a sentence.
  return !ABBREVIATIONS.has(word) && !/^\p{L}$/u.test(word)
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

function fitsOneCue(text: string): boolean {
  const lines = wrapLines(text)
  return lines.length <= MAX_CUE_LINES && lines.every((l) => l.length <= MAX_LINE_CHARS)
}

const CUE_CHARS = MAX_CUE_LINES * MAX_LINE_CHARS + 1

/** The fewest pieces that fit one cue each, packing greedily (a word too long stands alone). */
function fewestPieces(words: string[], fits: (i: number, j: number) => boolean): number {
  let count = 0
  for (let i = 0; i < words.length; count++) {
    let j = i + 1
    while (j < words.length && fits(i, j + 1)) j++
    i = j
  }
  return count
}

/**
 * A sentence's words cut into the fewest pieces that each fit one cue, the cuts placed so the
 * pieces are as even as possible (a cut after a comma is preferred). One pass over the words: each
 * piece costs a constant far above any unevenness, so the cheapest cut has the fewest pieces
 * first, then the most even ones. A word too long for any cue stands alone.
 */
export function evenPieces(words: string[]): string[][] {
  const n = words.length
  const before = [0]
  for (const w of words) before.push(before[before.length - 1] + w.length + 1)
  const length = (i: number, j: number): number => before[j] - before[i] - 1
  // Two lines fit when some space leaves at most MAX_LINE_CHARS on each side (as wrapLines cuts).
  const fits = (i: number, j: number): boolean => {
    const chars = length(i, j)
    if (j - i === 1 || chars <= MAX_LINE_CHARS) return true
    if (chars > CUE_CHARS) return false
    let k = i + 1
    while (k + 1 < j && length(i, k + 1) <= MAX_LINE_CHARS) k++
    return length(i, k) <= MAX_LINE_CHARS && length(k, j) <= MAX_LINE_CHARS
  }
  const target = length(0, n) / fewestPieces(words, fits)
  const PER_PIECE = 1e9
  const best = new Array<number>(n + 1).fill(Infinity)
  const cut = new Array<number>(n + 1).fill(0)
  best[0] = 0
  for (let j = 1; j <= n; j++)
    for (let i = j - 1; i >= 0 && (i === j - 1 || length(i, j) <= CUE_CHARS); i--) {
      if (!fits(i, j)) continue
      const comma = j < n && /[,;:]$/.test(words[j - 1]) ? (target * target) / 16 : 0
      const cost = best[i] + PER_PIECE + (length(i, j) - target) ** 2 - comma
      if (cost < best[j]) {
        best[j] = cost
        cut[j] = i
      }
    }
  const out: string[][] = []
  for (let j = n; j > 0; j = cut[j]) out.unshift(words.slice(cut[j], j))
  return out
}

interface Piece {
  words: TimedWord[]
  segment: number
}

/** A segment's timed words cut at sentence ends, then each sentence into even pieces. */
function segmentPieces(segment: Segment, index: number): Piece[] {
  const words = segmentTextWords(segment)
  const out: Piece[] = []
  let from = 0
  for (let i = 0; i < words.length; i++) {
    if (i < words.length - 1 && !endsSentence(words[i].word)) continue
    const sentence = words.slice(from, i + 1)
    let at = 0
    for (const piece of evenPieces(sentence.map((w) => w.word))) {
      out.push({ words: sentence.slice(at, at + piece.length), segment: index })
      at += piece.length
    }
    from = i + 1
  }
  return out
}

const pieceText = (p: Piece): string => p.words.map((w) => w.word).join(' ')
const pieceStart = (p: Piece): number => p.words[0].start
const pieceEnd = (p: Piece): number => p.words[p.words.length - 1].end

/**
 * Joins each piece that cannot be shown MIN_CUE_SECONDS from its first word on (the next one starts
 * sooner) to the shorter neighbour of its segment it fits with: text shown before it is spoken
 * confuses more than a longer cue.
 */
function joinFlashes(pieces: Piece[], limit: number): Piece[] {
  const out = [...pieces]
  for (let i = 0; i < out.length; i++) {
    const room = (i + 1 < out.length ? pieceStart(out[i + 1]) : limit) - pieceStart(out[i])
    if (room >= MIN_CUE_SECONDS) continue
    const candidates = [i - 1, i + 1].filter(
      (j) =>
        j >= 0 &&
        j < out.length &&
        out[j].segment === out[i].segment &&
        fitsOneCue(`${pieceText(out[Math.min(i, j)])} ${pieceText(out[Math.max(i, j)])}`)
    )
    if (candidates.length === 0) continue
    const j = candidates.sort((a, b) => pieceText(out[a]).length - pieceText(out[b]).length)[0]
    const [a, b] = [Math.min(i, j), Math.max(i, j)]
    out.splice(a, 2, { words: [...out[a].words, ...out[b].words], segment: out[a].segment })
    i = a - 1
  }
  return out
}

/** Each cue held long enough to read, into the silence after it (then before it) as far as it goes. */
function holdForReading(cues: Cue[], limit: number): Cue[] {
  for (let i = 0; i < cues.length; i++) {
    const cue = cues[i]
    const chars = cue.lines.join(' ').length
    const want = Math.max(MIN_CUE_SECONDS, chars / READING_CPS)
    const next = i + 1 < cues.length ? cues[i + 1].start : Math.max(limit, cue.end)
    cue.end = Math.max(cue.end, Math.min(cue.start + want, next))
    const previous = i > 0 ? cues[i - 1].end : 0
    if (cue.end - cue.start < MIN_CUE_SECONDS - 1e-6)
      cue.start = Math.min(cue.start, Math.max(previous, cue.end - MIN_CUE_SECONDS))
  }
  return cues
}

/**
 * The cues of a transcript. `until` is where the recording ends (no cue is held past it); without
 * it, a last cue may be held up to MIN_CUE_SECONDS or its reading time after its last word.
 */
export function transcriptCues(segments: readonly Segment[], until = Infinity): Cue[] {
  const pieces = segments.flatMap(segmentPieces)
  const lastEnd = pieces.length > 0 ? pieceEnd(pieces[pieces.length - 1]) : 0
  const limit = Math.max(lastEnd, until)
  const cues = joinFlashes(pieces, limit).map((p) => ({
    start: pieceStart(p),
    end: pieceEnd(p),
    lines: wrapLines(pieceText(p))
  }))
  return holdForReading(cues, limit)
}

export function segmentCues(segment: Segment): Cue[] {
  return transcriptCues([segment])
}

/** A cue said by a speaker: `voice` on every cue of theirs, `lead` on the first cue of a turn. */
export interface SpeakerCue extends Cue {
  voice: string | undefined
  lead: string | undefined
}

/** The cues of a transcript with speakers, each knowing who says it and whether a turn starts. */
export function speakerCues(t: Transcript): SpeakerCue[] {
  const names = new Map((t.speakers ?? []).map((s) => [s.id, s.name]))
  let previous: string | undefined
  return t.segments.flatMap((segment) => {
    const voice = segment.speaker && (names.get(segment.speaker) ?? segment.speaker)
    const turnStarts = segment.speaker !== previous
    previous = segment.speaker
    return segmentCues(segment).map((cue, i) => ({
      ...cue,
      voice,
      lead: turnStarts && i === 0 ? voice : undefined
    }))
  })
}
