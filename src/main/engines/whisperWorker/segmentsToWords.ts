// The binding returns segments (text + t0/t1 in ms), not tokens: spread each segment's words
// evenly over its span, the same fallback the whisper-cli parser uses without token times. The
// binding gives no token probabilities either (node_modules/@fugood/whisper.node/lib/binding.ts
// `TranscribeResult`), so these words carry none; whisper-cli's -ojf output does (whisperOutput.ts).
import type { TimedWord } from '@shared/transcript'

export interface BindingSegment {
  text: string
  t0: number
  t1: number
}

export function segmentsToWords(segments: BindingSegment[]): TimedWord[] {
  const words: TimedWord[] = []
  for (const s of segments) {
    const tokens = s.text
      .replace(/\[_[A-Z0-9_]*_?\]|<\|[^|]*\|>/g, ' ')
      .split(/\s+/)
      .filter(Boolean)
    const start = s.t0 / 1000
    const end = Math.max(start, s.t1 / 1000)
    const step = tokens.length > 0 ? (end - start) / tokens.length : 0
    tokens.forEach((word, i) =>
      words.push({ word, start: start + i * step, end: start + (i + 1) * step })
    )
  }
  return words
}
