// Pure pieces of the OpenAI-compatible transcription protocol: where to send, what a response
// means, and one-line reasons for everything that can go wrong. Servers differ: OpenAI and
// speaches answer `words` when asked for word timestamps, whisper.cpp's server and vLLM answer
// `segments` only (whisper.cpp's with `words` nested in each); LocalAI's words carry `text`; all
// are accepted, and the words are then held against the chunk (endpointReplyBounds.ts). Speakers
// a server names, per segment or per word, come along on the words (endpointSpeakers.ts).
import type { TimedWord } from '@shared/transcript'
import { boundReplyWords, oversizedReply } from './endpointReplyBounds'
import {
  nameSpeakers,
  speakerLabel,
  type HeardWord,
  type LabelledStretch
} from './endpointSpeakers'

/** A base URL may be the server root, its `/v1`, or the full transcriptions URL. */
export function endpointUrls(baseUrl: string): { transcriptions: string; models: string } {
  const url = new URL(baseUrl)
  let path = url.pathname.replace(/\/+$/, '')
  path = path.replace(/\/audio\/transcriptions$/, '')
  if (!/\/v\d+$/.test(path)) path = `${path}/v1`
  const root = `${url.origin}${path}`
  return { transcriptions: `${root}/audio/transcriptions`, models: `${root}/models` }
}

/** The request to an endpoint failed; `fatal` = retrying this endpoint is pointless (key, model, URL). */
export class EndpointError extends Error {
  constructor(
    message: string,
    readonly fatal: boolean,
    readonly retryAfterMs: number | null = null
  ) {
    super(message)
  }
}

/** `Retry-After` as seconds or an HTTP date, in ms (capped: a server cannot park us for hours). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now
  if (!Number.isFinite(ms)) return null
  return Math.min(Math.max(0, ms), 60_000)
}

/** The server's own error message, if the body is OpenAI-style JSON; else a short excerpt. */
export function serverMessage(body: string): string {
  try {
    const value = JSON.parse(body) as { error?: { message?: unknown } | string; detail?: unknown }
    const error = value.error
    if (typeof error === 'string') return oneLine(error)
    if (error && typeof error.message === 'string') return oneLine(error.message)
    if (typeof value.detail === 'string') return oneLine(value.detail)
  } catch {
    // Not JSON: fall through.
  }
  if (/^\s*</.test(body)) return 'an HTML page'
  return oneLine(body)
}

function oneLine(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max)}…` : line
}

/** What an HTTP status means for this endpoint. */
export function statusError(
  status: number,
  body: string,
  retryAfter: string | null
): EndpointError {
  const said = serverMessage(body)
  const suffix = said ? `: ${said}` : ''
  if (status === 401 || status === 403)
    return new EndpointError(`not authorised (HTTP ${status})${suffix}`, true)
  if (status === 404) return new EndpointError(`not found (HTTP 404)${suffix}`, true)
  if (status === 429)
    return new EndpointError(`rate limited (HTTP 429)${suffix}`, false, parseRetryAfter(retryAfter))
  if (status >= 300 && status < 400)
    return new EndpointError(`redirected (HTTP ${status}); not followed with the API key`, true)
  // 5xx, 400, 413…: maybe this chunk, maybe a passing overload; retried, and counted.
  return new EndpointError(`HTTP ${status}${suffix}`, false)
}

interface WireWord {
  word?: unknown
  text?: unknown
  start?: unknown
  end?: unknown
  /** speaches/faster-whisper and whisper.cpp's server give each word one; OpenAI does not. */
  probability?: unknown
}

const probabilityOf = (p: unknown): { probability?: number } =>
  typeof p === 'number' && Number.isFinite(p) && p >= 0 && p <= 1 ? { probability: p } : {}
/** A segment; its `speaker` (or `speaker_id`) is read by endpointSpeakers.ts, as a word's is. */
interface WireSegment {
  text?: unknown
  start?: unknown
  end?: unknown
  words?: unknown
}

// Any number, even one too large to be finite: the chunk's bounds judge it, not silence.
const isNumber = (v: unknown): v is number => typeof v === 'number'

/** Words of a list, each with its own speaker, else `label` (the segment's it is nested in). */
function wordsFromWire(list: unknown, label?: string): HeardWord[] | null {
  if (!Array.isArray(list)) return null
  const words: HeardWord[] = []
  for (const w of list as (WireWord | null)[]) {
    const text = w?.word ?? w?.text
    if (typeof text !== 'string' || !isNumber(w?.start) || !isNumber(w.end)) continue
    const word = text.trim()
    const named = speakerLabel(w) ?? label
    if (word)
      words.push({
        word,
        start: w.start,
        end: w.end,
        ...probabilityOf(w.probability),
        ...(named !== undefined && { label: named })
      })
  }
  return words
}

/** A segment's text spread over its span, word by word, in proportion to their lengths. */
export function wordsFromSegment(text: string, start: number, end: number): TimedWord[] {
  const tokens = text.split(/\s+/).filter(Boolean)
  const total = tokens.reduce((n, t) => n + t.length, 0)
  const span = Math.max(0, end - start)
  const words: TimedWord[] = []
  let at = start
  for (const token of tokens) {
    const length = total > 0 ? (span * token.length) / total : 0
    words.push({ word: token, start: at, end: at + length })
    at += length
  }
  return words
}

/** Words from a verbose_json body, held against the chunk; a reply beyond it is a EndpointError. */
export function parseTranscription(body: string, chunkSeconds: number): TimedWord[] {
  const oversized = oversizedReply(body.length, chunkSeconds)
  if (oversized) throw new EndpointError(oversized, false)
  const bounded = boundReplyWords(replyWords(body, chunkSeconds), chunkSeconds)
  if ('problem' in bounded) throw new EndpointError(bounded.problem, false)
  return bounded.words
}

/** whisper.cpp's speaker-turn mark (LocalAI's `diarize` on a tinydiarize model): not a word. */
const TURN_MARK = /\s*\[SPEAKER_TURN\]/g

/** `words` when present, else `segments`, else plain `text`; named speakers come along. */
function replyWords(body: string, chunkSeconds: number): TimedWord[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new EndpointError(
      /^\s*</.test(body) ? 'answered an HTML page, not a transcription' : 'answered invalid JSON',
      false
    )
  }
  if (!parsed || typeof parsed !== 'object')
    throw new EndpointError('answered no transcription', false)
  const value = parsed as { text?: unknown; words?: unknown; segments?: unknown }
  const segments = Array.isArray(value.segments) ? (value.segments as (WireSegment | null)[]) : null
  const stretches = (segments ?? []).flatMap((s): LabelledStretch[] => {
    const label = speakerLabel(s)
    return label !== undefined && isNumber(s?.start) && isNumber(s.end)
      ? [{ start: s.start, end: s.end, label }]
      : []
  })
  const words = wordsFromWire(value.words)
  // An empty `words` next to segments means the server ignored the word granularity.
  if (words && (words.length > 0 || !segments)) return nameSpeakers(words, stretches)
  if (segments) return nameSpeakers(segmentWords(segments), stretches)
  if (typeof value.text === 'string') return wordsFromSegment(value.text, 0, chunkSeconds)
  throw new EndpointError('answered 200 with no text', false)
}

/** Each segment's nested words, else its text spread over its span; all with its speaker. */
function segmentWords(segments: readonly (WireSegment | null)[]): HeardWord[] {
  const out: HeardWord[] = []
  for (const s of segments) {
    const label = speakerLabel(s)
    const nested = wordsFromWire(s?.words, label)
    if (nested && nested.length > 0) out.push(...nested)
    else if (typeof s?.text === 'string' && isNumber(s.start) && isNumber(s.end)) {
      const words = wordsFromSegment(s.text.replace(TURN_MARK, ''), s.start, s.end)
      out.push(...words.map((w) => (label !== undefined ? { ...w, label } : w)))
    }
  }
  return out
}
