// The loop and hallucination guard: is a chunk's text what an engine writes when it has lost the
// audio? Three signs, the usual whisper ones plus the VAD's: the same n-gram over and over in a
// row; text that compresses too well (whisper's own test: zlib ratio above 2.4); or most words
// placed where the VAD heard no speech. A doubtful chunk is re-run once with the fallbacks (a
// higher temperature; another endpoint for the endpoint engine — no previous-text prompt is ever sent
// here); if the re-run is doubtful too, the passage is kept and marked (Segment.doubtful). Pure.
import { deflateSync } from 'node:zlib'
import type { Segment, TimedWord } from '@shared/transcript'
import type { ChunkPlan } from './chunking'
import type { SpeechStretch } from './speechDetector'

/** whisper's compression_ratio_threshold. */
export const MAX_COMPRESSION_RATIO = 2.4
/** Text shorter than this compresses badly whatever it says: the ratio decides nothing. */
const MIN_RATIO_CHARS = 120
/** The same n-gram this many times in a row (and covering MIN_LOOP_WORDS words) is a loop. */
const MIN_REPEATS = 4
const MIN_LOOP_WORDS = 8
const MAX_NGRAM = 8
/** A chunk with at least this share of its words (and MIN_OFF_WORDS) outside speech. */
const MAX_OFF_SPEECH_SHARE = 0.5
const MIN_OFF_WORDS = 4
/** Slack around the VAD's stretches: its edges and an engine's word times are both approximate. */
const SPEECH_SLACK_SECONDS = 0.5
/** whisper's first fallback step (temperature 0 → 0.2 → 0.4 …): one step past the greedy decode. */
export const RETRY_TEMPERATURE = 0.4

const norm = (w: string): string => w.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '')

/**
 * The longest run of one n-gram repeated back to back (n ≤ MAX_NGRAM), by words covered. Linear
 * per n: position j continues a run while token j equals token j + n.
 */
export function longestRepeat(words: readonly string[]): { ngram: string; repeats: number } | null {
  const tokens = words.map(norm).filter(Boolean)
  let best: { ngram: string; repeats: number; covered: number } | null = null
  for (let n = 1; n <= MAX_NGRAM; n++) {
    let run = 0
    for (let j = 0; j + n < tokens.length; j++) {
      run = tokens[j] === tokens[j + n] ? run + 1 : 0
      const repeats = Math.floor(run / n) + 1
      if (repeats > 1 && (!best || repeats * n > best.covered)) {
        const from = j - run + 1
        best = { ngram: tokens.slice(from, from + n).join(' '), repeats, covered: repeats * n }
      }
    }
  }
  return best && { ngram: best.ngram, repeats: best.repeats }
}

export function compressionRatio(text: string): number {
  const bytes = Buffer.from(text, 'utf8')
  return bytes.length === 0 ? 0 : bytes.length / deflateSync(bytes).length
}

/** Why this chunk's words look like a loop or a hallucination; null when they do not. */
export function chunkDoubt(
  words: readonly TimedWord[],
  chunk: ChunkPlan,
  speech: readonly SpeechStretch[] | null
): string | null {
  const repeat = longestRepeat(words.map((w) => w.word))
  if (
    repeat &&
    repeat.repeats >= MIN_REPEATS &&
    repeat.repeats * repeat.ngram.split(' ').length >= MIN_LOOP_WORDS
  )
    return `repeats itself ("${repeat.ngram.slice(0, 60)}" ×${repeat.repeats})`
  const text = words.map((w) => w.word).join(' ')
  const ratio = compressionRatio(text)
  if (text.length >= MIN_RATIO_CHARS && ratio > MAX_COMPRESSION_RATIO)
    return `repeats itself (its text compresses ${ratio.toFixed(1)}×)`
  if (speech) {
    const off = words.filter((w) => {
      const mid = chunk.start + (w.start + w.end) / 2
      return !speech.some(
        (s) => mid >= s.start - SPEECH_SLACK_SECONDS && mid <= s.end + SPEECH_SLACK_SECONDS
      )
    }).length
    if (off >= MIN_OFF_WORDS && off >= MAX_OFF_SPEECH_SHARE * words.length)
      return `${off} of ${words.length} words where the VAD heard no speech`
  }
  return null
}

/** The part of the timeline a chunk owns (its words are kept there, merge.ts). */
export function ownedRange(chunk: ChunkPlan): { start: number; end: number } {
  return { start: Math.max(chunk.start, chunk.ownStart), end: Math.min(chunk.end, chunk.ownEnd) }
}

/** Segments overlapping a doubtful chunk's owned range carry its reason. */
export function markDoubtful(
  segments: Segment[],
  doubtful: readonly { start: number; end: number; reason: string }[]
): Segment[] {
  if (doubtful.length === 0) return segments
  return segments.map((s) => {
    const d = doubtful.find((r) => s.end > r.start && s.start < r.end)
    return d ? { ...s, doubtful: d.reason.slice(0, 200) } : s
  })
}
