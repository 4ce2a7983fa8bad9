// The words of a segment as its text now reads. The editor changes a segment's text and keeps the
// engine's words beside it (the original); every export that speaks of words (subtitle cues, the
// json file) must follow the text. Words the edit left alone keep the engine's times; the
// rewritten stretch shares its time out by characters. Pure: pipeline files and page downloads agree.
import type { Segment, TimedWord } from '@shared/transcript'

export function textTokens(text: string): string[] {
  return text.split(/\s+/).filter(Boolean)
}

/** True when the text is the engine's words one for one (nothing was edited). */
export function textIsItsWords(segment: Segment): boolean {
  const tokens = textTokens(segment.text)
  return (
    segment.words.length === tokens.length && segment.words.every((w, i) => w.word === tokens[i])
  )
}

/** `tokens` spread over [start, end] by their share of the characters (with one space between). */
function shareOut(tokens: string[], start: number, end: number): TimedWord[] {
  const total = Math.max(
    1,
    tokens.reduce((n, t) => n + t.length + 1, -1)
  )
  const span = Math.max(0, end - start)
  const out: TimedWord[] = []
  let before = 0
  for (const word of tokens) {
    const from = start + (span * before) / total
    before += word.length + 1
    const to = start + (span * (before - 1)) / total
    out.push({ word, start: from, end: Math.max(from, to) })
  }
  return out
}

/**
 * The text's tokens with times: the engine's own where the text still reads them (the common start
 * and the common end), shared out over the time between for what was rewritten.
 */
export function segmentTextWords(segment: Segment): TimedWord[] {
  const tokens = textTokens(segment.text)
  const words = segment.words
  if (textIsItsWords(segment)) return words.map((w) => ({ ...w }))
  let head = 0
  while (head < tokens.length && head < words.length && tokens[head] === words[head].word) head++
  let tail = 0
  while (
    tail < tokens.length - head &&
    tail < words.length - head &&
    tokens[tokens.length - 1 - tail] === words[words.length - 1 - tail].word
  )
    tail++
  const kept = (w: TimedWord): TimedWord => ({ ...w })
  const from = head > 0 ? words[head - 1].end : segment.start
  const to = tail > 0 ? words[words.length - tail].start : segment.end
  const middle = shareOut(tokens.slice(head, tokens.length - tail), from, Math.max(from, to))
  return [
    ...words.slice(0, head).map(kept),
    ...middle,
    ...words.slice(words.length - tail).map(kept)
  ]
}
