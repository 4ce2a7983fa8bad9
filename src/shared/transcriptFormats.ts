// Transcript → the text of each export format. Pure and shared: the pipeline writes its files
// with it, and the job page renders downloads (with the user's edits) with the same code.
import { clockText } from '@shared/clockText'
import type { Transcript } from '@shared/transcript'
import { transcriptCues } from '@shared/subtitleCues'

/** What a job page can download; docx is built in the renderer (a binary format). */
export const TEXT_EXPORT_FORMATS = ['txt', 'srt', 'vtt', 'json', 'md'] as const
export type TextExportFormat = (typeof TEXT_EXPORT_FORMATS)[number]

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
  return transcriptCues(t.segments)
    .map(
      (c, i) => `${i + 1}\n${clock(c.start, ',')} --> ${clock(c.end, ',')}\n${c.lines.join('\n')}\n`
    )
    .join('\n')
}

/**
 * Cue text as WebVTT reads it: & and < start escapes and tags, and a cue line holding `-->` is
 * taken for a timing line (the cue is dropped); escaping > as well removes every `-->`.
 */
function escapeVttText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function toVtt(t: Transcript): string {
  const cues = transcriptCues(t.segments).map(
    (c) =>
      `${clock(c.start, '.')} --> ${clock(c.end, '.')}\n${c.lines.map(escapeVttText).join('\n')}\n`
  )
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

/** Markdown: a title, then one paragraph per segment with its time in front. */
export function toMarkdown(t: Transcript, title: string): string {
  const escape = (text: string): string => text.replace(/([\\`*_[\]#<>|])/g, '\\$1')
  const lines = t.segments.map((s) => `**[${clockText(s.start)}]** ${escape(s.text)}`)
  return [`# ${escape(title)}`, '', ...lines.flatMap((l) => [l, ''])].join('\n')
}

export function renderTextFormat(format: TextExportFormat, t: Transcript, title: string): string {
  switch (format) {
    case 'txt':
      return toTxt(t)
    case 'srt':
      return toSrt(t)
    case 'vtt':
      return toVtt(t)
    case 'json':
      return toJson(t)
    case 'md':
      return toMarkdown(t, title)
  }
}
