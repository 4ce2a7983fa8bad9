// Pure pieces of the whisper.cpp adapter: the `whisper-cli` argument list, and the parser for the
// JSON file it writes with `-ojf` (--output-json-full). That file looks like
//   { "systeminfo": …, "model": {…}, "params": {…}, "result": { "language": "en" },
//     "transcription": [ { "timestamps": { "from": "00:00:00,000", "to": … },
//                          "offsets": { "from": 0, "to": 3000 },          // milliseconds
//                          "text": " And so my fellow Americans",
//                          "tokens": [ { "text": " And", "timestamps": {…},
//                                        "offsets": { "from": 0, "to": 320 },
//                                        "id": 843, "p": 0.97, "t_dtw": -1 }, … ] }, … ] }
// Its tokens become words by the rule the addon's tokens follow too (whisperTokenWords.ts).
import type { TimedWord } from '@shared/transcript'
import { spreadEvenly, wordsFromTokens, type WhisperToken } from './whisperTokenWords'

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
interface JsonToken {
  text?: string
  offsets?: Offsets
  p?: number
}
interface WhisperSegment {
  text?: string
  offsets?: Offsets
  tokens?: JsonToken[]
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

/** whisper-cli's tokens in the shape the shared rule reads (whisperTokenWords.ts). */
function segmentTokens(segment: WhisperSegment): WhisperToken[] {
  const at = (ms: number | undefined): number | undefined =>
    typeof ms === 'number' && Number.isFinite(ms) ? ms / 1000 : undefined
  return (segment.tokens ?? []).map((t) => ({
    text: typeof t.text === 'string' ? t.text : '',
    p: t.p,
    start: at(t.offsets?.from),
    end: at(t.offsets?.to)
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
    const fromTokens = wordsFromTokens(segmentTokens(segment), segStart, segEnd)
    const fromText = (): TimedWord[] =>
      spreadEvenly((segment.text ?? '').split(/\s+/).filter(Boolean), segStart, segEnd)
    words.push(...(fromTokens.length > 0 ? fromTokens : fromText()))
  }
  return words
}
