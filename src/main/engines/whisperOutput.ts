// Pure pieces of the whisper.cpp adapter: the `whisper-cli` argument list, and the parser for the
// JSON file it writes with `-ojf` (--output-json-full). That file looks like
//   { "systeminfo": …, "model": {…}, "params": {…}, "result": { "language": "en" },
//     "transcription": [ { "timestamps": { "from": "00:00:00,000", "to": … },
//                          "offsets": { "from": 0, "to": 3000 },          // milliseconds
//                          "text": " And so my fellow Americans",
//                          "tokens": [ { "text": " And", "timestamps": {…},
//                                        "offsets": { "from": 0, "to": 320 },
//                                        "id": 843, "p": 0.97, "t_dtw": -1 }, … ] }, … ] }
// Special tokens ("[_BEG_]", "[_TT_150]") carry no speech. A token starting with a space starts a
// new word; others (sub-word pieces, punctuation) continue the previous one. A word's probability
// is the mean of its tokens' `p` (as OpenAI's whisper and faster-whisper compute it).
import type { TimedWord } from '@shared/transcript'

export interface WhisperArgsInput {
  model: string
  wavPath: string
  threads: number
  /** whisper-cli appends ".json" to this. */
  outputBase: string
  /** 'auto' or a language code. */
  language?: string
  translate?: boolean
}

export function buildWhisperArgs(o: WhisperArgsInput): string[] {
  return [
    '-m', o.model,
    '-f', o.wavPath,
    '-t', String(Math.max(1, Math.floor(o.threads))),
    '-l', o.language ?? 'auto',
    ...(o.translate ? ['-tr'] : []),
    '-ojf',
    '-of', o.outputBase
  ] // prettier-ignore
}

export function whisperJsonPath(outputBase: string): string {
  return `${outputBase}.json`
}

interface Offsets {
  from?: number
  to?: number
}
interface WhisperToken {
  text?: string
  offsets?: Offsets
  p?: number
}
interface WhisperSegment {
  text?: string
  offsets?: Offsets
  tokens?: WhisperToken[]
}

function isSpecialToken(text: string): boolean {
  return /^\[_[A-Z0-9_]*_?\]$/.test(text.trim()) || /^<\|.*\|>$/.test(text.trim())
}

/** whisper.cpp escapes only quotes and backslashes, so raw control characters can appear. */
function parseLenient(json: string): unknown {
  try {
    return JSON.parse(json)
  } catch {
    // eslint-disable-next-line no-control-regex
    return JSON.parse(json.replace(/[\u0000-\u001f]/g, ' '))
  }
}

function seconds(ms: number | undefined, fallback: number): number {
  return typeof ms === 'number' && Number.isFinite(ms) ? ms / 1000 : fallback
}

const isProbability = (p: unknown): p is number =>
  typeof p === 'number' && Number.isFinite(p) && p >= 0 && p <= 1

function wordsFromTokens(segment: WhisperSegment, segStart: number, segEnd: number): TimedWord[] {
  const words: TimedWord[] = []
  // Per word: the token probabilities seen, for their mean.
  const probabilities: number[][] = []
  for (const token of segment.tokens ?? []) {
    const text = token.text ?? ''
    if (!text.trim() || isSpecialToken(text)) continue
    const start = seconds(token.offsets?.from, segStart)
    const end = seconds(token.offsets?.to, segEnd)
    const previous = words.at(-1)
    if (previous && !/^\s/.test(text)) {
      previous.word += text.trim()
      previous.end = Math.max(previous.end, end)
    } else {
      words.push({ word: text.trim(), start, end: Math.max(start, end) })
      probabilities.push([])
    }
    if (isProbability(token.p)) probabilities[probabilities.length - 1].push(token.p)
  }
  words.forEach((w, i) => {
    const ps = probabilities[i]
    if (ps.length > 0) w.probability = ps.reduce((a, b) => a + b, 0) / ps.length
  })
  return words
}

/** Without per-token times, spread the segment's words evenly over its span. */
function wordsFromText(text: string, segStart: number, segEnd: number): TimedWord[] {
  const tokens = text.split(/\s+/).filter(Boolean)
  const step = tokens.length > 0 ? (segEnd - segStart) / tokens.length : 0
  return tokens.map((word, i) => ({
    word,
    start: segStart + i * step,
    end: segStart + (i + 1) * step
  }))
}

export function parseWhisperJson(json: string): TimedWord[] {
  const root = parseLenient(json) as { transcription?: WhisperSegment[] } | null
  if (!root || !Array.isArray(root.transcription)) {
    throw new Error('whisper JSON has no "transcription" array')
  }
  const words: TimedWord[] = []
  for (const segment of root.transcription) {
    const segStart = seconds(segment.offsets?.from, 0)
    const segEnd = seconds(segment.offsets?.to, segStart)
    const fromTokens = wordsFromTokens(segment, segStart, segEnd)
    words.push(
      ...(fromTokens.length > 0 ? fromTokens : wordsFromText(segment.text ?? '', segStart, segEnd))
    )
  }
  return words
}
