// Whisper's tokens to words, one rule for both whisper paths: whisper-cli's JSON
// (whisperOutput.ts) and the addon's segments (whisperWorker/segmentsToWords.ts). A token starting
// with a space starts a new word; others (sub-word pieces, punctuation) continue the previous one.
// A token with no text at all continues the word too: the addon gives one when its bytes were the
// rest of a character the token before began. Special tokens ("[_BEG_]", "[_TT_150]",
// "<|en|>") carry no speech.
//
// A word's confidence is the MEAN of its tokens' probabilities, as OpenAI's whisper and
// faster-whisper compute it, so a word scores alike on either path and beside those tools; the
// doubtful threshold (src/shared/doubtfulWords.ts) is set for it. The minimum would flag a sure
// word whose trailing punctuation token alone was unsure ("man" + "." at 0.3), and words of many
// pieces more often than short ones for the same per-token doubt.
//
// Times: a token's own when it has them (seconds); a segment whose tokens have none spreads its
// words evenly over its span, as a segment without tokens does.
import type { TimedWord } from '@shared/transcript'

export interface WhisperToken {
  text: string
  /** Whisper's probability of the token, 0–1, when known. */
  p?: number
  /** Seconds, when whisper computed token times. */
  start?: number
  end?: number
}

function isSpecialToken(text: string): boolean {
  return /^\[_[A-Z0-9_]*_?\]$/.test(text.trim()) || /^<\|.*\|>$/.test(text.trim())
}

const isProbability = (p: unknown): p is number =>
  typeof p === 'number' && Number.isFinite(p) && p >= 0 && p <= 1

interface Gathered {
  word: TimedWord
  probabilities: number[]
  timed: boolean
}

function gather(tokens: readonly WhisperToken[], segStart: number, segEnd: number): Gathered[] {
  const words: Gathered[] = []
  for (const token of tokens) {
    const { text } = token
    const previous = words.at(-1)
    if ((text !== '' && !text.trim()) || isSpecialToken(text) || (text === '' && !previous))
      continue
    const timed = token.start !== undefined && token.end !== undefined
    const start = Math.max(token.start ?? segStart, previous?.word.start ?? segStart)
    const end = Math.max(start, token.end ?? segEnd)
    if (previous && !/^\s/.test(text)) {
      previous.word.word += text.trim()
      previous.word.end = Math.max(previous.word.end, end)
      previous.timed &&= timed
    } else {
      words.push({ word: { word: text.trim(), start, end }, probabilities: [], timed })
    }
    if (isProbability(token.p)) words[words.length - 1].probabilities.push(token.p)
  }
  return words
}

/** Without times, the words share the span evenly, in order. */
export function spreadEvenly(words: string[], segStart: number, segEnd: number): TimedWord[] {
  const step = words.length > 0 ? (segEnd - segStart) / words.length : 0
  return words.map((word, i) => ({
    word,
    start: segStart + i * step,
    end: segStart + (i + 1) * step
  }))
}

/** The segment's words from its tokens; none when its tokens hold no speech. */
export function wordsFromTokens(
  tokens: readonly WhisperToken[],
  segStart: number,
  segEnd: number
): TimedWord[] {
  const gathered = gather(tokens, segStart, segEnd)
  const timed = gathered.every((g) => g.timed)
  const spread = timed
    ? []
    : spreadEvenly(
        gathered.map((g) => g.word.word),
        segStart,
        segEnd
      )
  return gathered.map(({ word, probabilities }, i) => ({
    ...(timed ? word : spread[i]),
    ...(probabilities.length > 0 && {
      probability: probabilities.reduce((a, b) => a + b, 0) / probabilities.length
    })
  }))
}
