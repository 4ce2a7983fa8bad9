// Transcript → the text of each output format. Pure, so every format is unit-tested exactly.
import type { OutputFormat, Transcript } from '@shared/domain'

function clock(seconds: number, separator: ',' | '.'): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000))
  const ms = totalMs % 1000
  const totalSeconds = Math.floor(totalMs / 1000)
  const s = totalSeconds % 60
  const m = Math.floor(totalSeconds / 60) % 60
  const h = Math.floor(totalSeconds / 3600)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${two(h)}:${two(m)}:${two(s)}${separator}${String(ms).padStart(3, '0')}`
}

export function toTxt(t: Transcript): string {
  return t.segments.map((s) => s.text).join('\n') + (t.segments.length > 0 ? '\n' : '')
}

export function toSrt(t: Transcript): string {
  return t.segments
    .map((s, i) => `${i + 1}\n${clock(s.start, ',')} --> ${clock(s.end, ',')}\n${s.text}\n`)
    .join('\n')
}

export function toVtt(t: Transcript): string {
  const cues = t.segments.map((s) => `${clock(s.start, '.')} --> ${clock(s.end, '.')}\n${s.text}\n`)
  return ['WEBVTT\n', ...cues].join('\n')
}

export function toJson(t: Transcript): string {
  const round = (n: number): number => Math.round(n * 1000) / 1000
  const segments = t.segments.map((s) => ({
    start: round(s.start),
    end: round(s.end),
    text: s.text,
    words: s.words.map((w) => ({ word: w.word, start: round(w.start), end: round(w.end) }))
  }))
  const task = t.language ? { language: t.language, task: t.task ?? 'transcribe' } : {}
  return (
    JSON.stringify({ durationSeconds: round(t.durationSeconds), ...task, segments }, null, 2) + '\n'
  )
}

export function renderFormat(format: OutputFormat, t: Transcript): string {
  switch (format) {
    case 'txt':
      return toTxt(t)
    case 'srt':
      return toSrt(t)
    case 'vtt':
      return toVtt(t)
    case 'json':
      return toJson(t)
  }
}
