// Pure parsers for the two pocketsphinx command lines Debian/Ubuntu and upstream ship:
// - `pocketsphinx_continuous -time yes` (0.8 / 5prealpha): per utterance a hypothesis line, then
//   one line per word: `word start end confidence` (seconds from the start of the file; the
//   confidence is the word's posterior probability, which rounding can push a little past 1);
// - `pocketsphinx single FILE` (5.x): one JSON object per utterance,
//   `{"b":begin,"d":duration,"p":prob,"t":"text","w":[{"b":..,"d":..,"p":..,"t":"word"}]}`.
// Both print each utterance as soon as it is decoded, so the times also say how far into the
// audio the decoder got (its progress: pocketsphinx has no other).
import type { TimedWord } from '@shared/transcript'

const WORD_LINE = /^(\S+)\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?(?:e-?\d+)?)$/i

/** Silence, sentence markers and noise models are not words a user said. */
export function isFillerToken(token: string): boolean {
  return (
    /^<.*>$/.test(token) ||
    /^\[.*\]$/.test(token) ||
    /^\+\+.*\+\+$/.test(token) ||
    token === '(NULL)'
  )
}

/** `leisure(2)` is the second pronunciation of `leisure`. */
export function stripPronunciationVariant(token: string): string {
  return token.replace(/\(\d+\)$/, '')
}

/** The posterior as a 0–1 probability; absent when the line has none or it is not a number. */
function probabilityOf(value: unknown): { probability?: number } {
  if (typeof value !== 'number' || !Number.isFinite(value)) return {}
  return { probability: Math.min(1, Math.max(0, value)) }
}

function cleanWord(
  token: string,
  start: number,
  end: number,
  confidence?: number
): TimedWord | null {
  if (isFillerToken(token)) return null
  const word = stripPronunciationVariant(token)
  if (!word) return null
  return { word, start, end: Math.max(start, end), ...probabilityOf(confidence) }
}

export function parseContinuousTimes(stdout: string): TimedWord[] {
  const words: TimedWord[] = []
  for (const raw of stdout.split(/\r?\n/)) {
    const match = WORD_LINE.exec(raw.trim())
    if (!match) continue
    const word = cleanWord(match[1], Number(match[2]), Number(match[3]), Number(match[4]))
    if (word) words.push(word)
  }
  return words
}

/**
 * The audio time (s) an utterance's closing `</s>` line of `-time yes` output ends at, or null for
 * any other line (an utterance's lines arrive together, after it was decoded: its end is the news).
 */
export function continuousReachedSeconds(line: string): number | null {
  const match = WORD_LINE.exec(line.trim())
  return match && match[1] === '</s>' ? Number(match[3]) : null
}

/** The audio time (s) a `single` utterance line ends at, or null for any other line. */
export function singleReachedSeconds(line: string): number | null {
  const text = line.trim()
  if (!text.startsWith('{')) return null
  try {
    const { b, d } = JSON.parse(text) as { b?: unknown; d?: unknown }
    return typeof b === 'number' && typeof d === 'number' ? b + d : null
  } catch {
    return null
  }
}

interface SingleJsonWord {
  b?: number
  d?: number
  p?: number
  t?: string
}

export function parseSingleJson(stdout: string): TimedWord[] {
  const words: TimedWord[] = []
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line.startsWith('{')) continue
    let utterance: { w?: SingleJsonWord[] }
    try {
      utterance = JSON.parse(line) as { w?: SingleJsonWord[] }
    } catch {
      continue
    }
    for (const w of utterance.w ?? []) {
      if (typeof w.t !== 'string' || typeof w.b !== 'number') continue
      const word = cleanWord(w.t, w.b, w.b + (typeof w.d === 'number' ? w.d : 0), w.p)
      if (word) words.push(word)
    }
  }
  return words
}
