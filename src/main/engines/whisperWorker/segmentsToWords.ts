// The addon's segments to words. The addon we build here (scripts/addonTokensPatch.mjs) gives
// each segment its tokens: text, whisper's probability `p`, and t0/t1 in ms when token times were
// asked for; they become words by the rule whisper-cli's output follows too
// (../whisperTokenWords.ts), so a word has whisper's confidence. The prebuilt addon gives a
// segment's text and times only (node_modules/@fugood/whisper.node/lib/binding.ts
// `TranscribeResult`): its words are spread evenly over the segment's span and carry no
// confidence.
import type { TimedWord } from '@shared/transcript'
import { spreadEvenly, wordsFromTokens, type WhisperToken } from '../whisperTokenWords'

export interface BindingToken {
  text: string
  p: number
  t0?: number
  t1?: number
}

export interface BindingSegment {
  text: string
  t0: number
  t1: number
  /** Only from the addon built here. */
  tokens?: BindingToken[]
}

const msToSeconds = (ms: unknown): number | undefined =>
  typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms / 1000 : undefined

function tokensOf(segment: BindingSegment): WhisperToken[] | null {
  if (!Array.isArray(segment.tokens)) return null
  return segment.tokens.map((t) => ({
    text: typeof t.text === 'string' ? t.text : '',
    p: t.p,
    start: msToSeconds(t.t0),
    end: msToSeconds(t.t1)
  }))
}

function wordsOfText(text: string, start: number, end: number): TimedWord[] {
  const words = text
    .replace(/\[_[A-Z0-9_]*_?\]|<\|[^|]*\|>/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
  return spreadEvenly(words, start, end)
}

export function segmentsToWords(segments: BindingSegment[]): TimedWord[] {
  const words: TimedWord[] = []
  for (const s of segments) {
    const start = s.t0 / 1000
    const end = Math.max(start, s.t1 / 1000)
    const tokens = tokensOf(s)
    const fromTokens = tokens ? wordsFromTokens(tokens, start, end) : []
    words.push(...(fromTokens.length > 0 ? fromTokens : wordsOfText(s.text, start, end)))
  }
  return words
}
