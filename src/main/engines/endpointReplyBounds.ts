// A transcription reply held against the chunk it answers. A server that puts words outside the
// chunk, backwards or out of order, or answers more words or text than anyone can say in it, is
// broken for this chunk: the reason goes back to the endpoint pool, which retries the chunk
// (elsewhere or later) and fails it with that reason when no endpoint can do better.
import type { TimedWord } from '@shared/transcript'

/** Far above fast speech (about 4 words and 20 characters a second). */
const MAX_WORDS_PER_SECOND = 20
const MAX_CHARS_PER_SECOND = 200
/** What even a very short chunk may hold (a long name, a URL spelled out). */
const WORDS_ALLOWANCE = 20
const CHARS_ALLOWANCE = 2000
/** Engines round and pad: a word a little past either end of the chunk is clamped into it. */
const SLACK_SECONDS = 1
/** Disorder and backwards words within this are rounding, not a broken server. */
const JITTER_SECONDS = 0.05
/** Older LocalAI builds answer Go durations: nanoseconds. */
const NANOSECONDS = 1e-9

/** JSON around the words (segments, tokens, scores) is far less than this per character. */
const BYTES_PER_CHAR = 64

const seconds = (t: number): string => `${Number.isFinite(t) ? +t.toPrecision(4) : t} s`

const maxChars = (chunkSeconds: number): number =>
  Math.ceil(MAX_CHARS_PER_SECOND * chunkSeconds) + CHARS_ALLOWANCE

/** Checked before parsing: a body this large cannot be a transcription of the chunk. */
export function oversizedReply(bodyLength: number, chunkSeconds: number): string | null {
  const max = BYTES_PER_CHAR * maxChars(chunkSeconds)
  return bodyLength > max
    ? `answered ${bodyLength} characters for a ${seconds(chunkSeconds)} chunk (at most ${max})`
    : null
}

function tooMuch(words: readonly TimedWord[], chunkSeconds: number): string | null {
  const maxWords = Math.ceil(MAX_WORDS_PER_SECOND * chunkSeconds) + WORDS_ALLOWANCE
  if (words.length > maxWords)
    return `answered ${words.length} words for a ${seconds(chunkSeconds)} chunk (at most ${maxWords})`
  const chars = words.reduce((n, w) => n + w.word.length, 0)
  const max = maxChars(chunkSeconds)
  if (chars > max)
    return `answered ${chars} characters of text for a ${seconds(chunkSeconds)} chunk (at most ${max})`
  return null
}

/** 1 when the times fit the chunk as seconds, 1e-9 when they only fit as nanoseconds. */
function timeScale(words: readonly TimedWord[], chunkSeconds: number): number {
  const latest = words.reduce((m, w) => Math.max(m, w.start, w.end), 0)
  const limit = chunkSeconds + SLACK_SECONDS
  return latest > limit && latest * NANOSECONDS <= limit ? NANOSECONDS : 1
}

function badTime(words: readonly TimedWord[], chunkSeconds: number): string | null {
  const inside = (t: number): boolean =>
    Number.isFinite(t) && t >= -SLACK_SECONDS && t <= chunkSeconds + SLACK_SECONDS
  for (let i = 0; i < words.length; i++) {
    const { start, end } = words[i]
    if (!inside(start) || !inside(end))
      return `answered a word at ${seconds(inside(start) ? end : start)}, outside the ${seconds(chunkSeconds)} chunk`
    if (end < start - JITTER_SECONDS)
      return `answered a word that ends (${seconds(end)}) before it starts (${seconds(start)})`
    if (i > 0 && start < words[i - 1].start - JITTER_SECONDS)
      return `answered words out of order (${seconds(start)} after ${seconds(words[i - 1].start)})`
  }
  return null
}

/** The reply's words in chunk seconds, clamped into the chunk; or why the reply cannot be used. */
export function boundReplyWords(
  words: readonly TimedWord[],
  chunkSeconds: number
): { words: TimedWord[] } | { problem: string } {
  const scale = timeScale(words, chunkSeconds)
  const scaled = words.map((w) => ({ ...w, start: w.start * scale, end: w.end * scale }))
  const problem = tooMuch(scaled, chunkSeconds) ?? badTime(scaled, chunkSeconds)
  if (problem) return { problem }
  const clamp = (t: number): number => Math.min(chunkSeconds, Math.max(0, t))
  return {
    words: scaled.map((w) => ({
      ...w,
      start: clamp(w.start),
      end: clamp(Math.max(w.start, w.end))
    }))
  }
}
