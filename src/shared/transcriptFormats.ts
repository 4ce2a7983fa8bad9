// Transcript → the text of each export format. Pure and shared: the pipeline writes its files
// with it, and the job page renders downloads (with the user's edits) with the same code.
import { clockText } from '@shared/clockText'
import type { Transcript } from '@shared/transcript'
import {
  MAX_CUE_LINES,
  MAX_LINE_CHARS,
  speakerCues,
  transcriptCues,
  wrapLines
} from '@shared/subtitleCues'
import { hasSpeakers, speakerTurns } from '@shared/speakerEdits'
import { withGapMarkers } from '@shared/gapMarkers'
import { segmentTextWords } from '@shared/segmentTextWords'

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

/** With speakers: a paragraph per turn, led by the speaker's name. */
function txtTurns(t: Transcript): string {
  return speakerTurns(t)
    .map((turn) => {
      const text = turn.segments.map((s) => s.text).join(' ')
      return turn.name === undefined ? `${text}\n` : `${turn.name}: ${text}\n`
    })
    .join('\n')
}

export function toTxt(t: Transcript): string {
  if (hasSpeakers(t)) return txtTurns(t)
  const lines = withGapMarkers(t.segments, t.gaps)
  return lines.join('\n') + (lines.length > 0 ? '\n' : '')
}

export function toSrt(t: Transcript): string {
  const cues = hasSpeakers(t)
    ? speakerCues(t).map((c) => ({ ...c, lines: c.lead ? leadLines(c.lead, c.lines) : c.lines }))
    : transcriptCues(t.segments, t.durationSeconds || Infinity)
  return cues
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

/** `Name: ` before a turn's first cue, rewrapped when it still fits two lines. */
function leadLines(name: string, lines: string[]): string[] {
  const text = `${name}: ${lines.join(' ')}`
  const wrapped = wrapLines(text)
  const fits = wrapped.length <= MAX_CUE_LINES && wrapped.every((l) => l.length <= MAX_LINE_CHARS)
  return fits ? wrapped : [`${name}: ${lines[0]}`, ...lines.slice(1)]
}

/** A voice span (`<v Name>`) on every cue a speaker says, as WebVTT players show it. */
function vttCueText(lines: string[], voice: string | undefined): string {
  const text = lines.map(escapeVttText).join('\n')
  return voice === undefined ? text : `<v ${escapeVttText(voice)}>${text}`
}

export function toVtt(t: Transcript): string {
  const timed = hasSpeakers(t)
    ? speakerCues(t)
    : transcriptCues(t.segments, t.durationSeconds || Infinity).map((c) => ({
        ...c,
        voice: undefined
      }))
  const cues = timed.map(
    (c) => `${clock(c.start, '.')} --> ${clock(c.end, '.')}\n${vttCueText(c.lines, c.voice)}\n`
  )
  return ['WEBVTT\n', ...cues].join('\n')
}

export function toJson(t: Transcript): string {
  const round = (n: number): number => Math.round(n * 1000) / 1000
  // A speaker is named on every segment and word when the transcript has speakers.
  const who = (x: { speaker?: string }) => (x.speaker ? { speaker: x.speaker } : {})
  const segments = t.segments.map((s) => ({
    start: round(s.start),
    end: round(s.end),
    ...who(s),
    text: s.text,
    // The words as the text now reads (an edit rewrites them; the engine's stay in the database).
    words: segmentTextWords(s).map((w) => ({
      word: w.word,
      start: round(w.start),
      end: round(w.end),
      ...who(w),
      ...(w.probability === undefined ? {} : { probability: round(w.probability) })
    })),
    ...(s.doubtful ? { doubtful: s.doubtful } : {})
  }))
  const gaps = t.gaps?.length
    ? { gaps: t.gaps.map((g) => ({ start: round(g.start), end: round(g.end), kind: g.kind })) }
    : {}
  const task = t.language ? { language: t.language, task: t.task ?? 'transcribe' } : {}
  const speakers = t.speakers?.length
    ? { speakers: t.speakers.map((s) => ({ id: s.id, name: s.name })) }
    : {}
  const body = {
    durationSeconds: round(t.durationSeconds),
    ...task,
    ...speakers,
    segments,
    ...gaps
  }
  return JSON.stringify(body, null, 2) + '\n'
}

/**
 * Markdown: a title, then one paragraph per segment with its time in front; with speakers, one
 * paragraph per turn, its time and the speaker's name in front.
 */
export function toMarkdown(t: Transcript, title: string): string {
  const escape = (text: string): string => text.replace(/([\\`*_[\]#<>|])/g, '\\$1')
  const lines = hasSpeakers(t)
    ? speakerTurns(t).map((turn) => {
        const lead = turn.name === undefined ? '' : ` ${escape(turn.name)}:`
        const text = turn.segments.map((s) => escape(s.text)).join(' ')
        return `**[${clockText(turn.segments[0].start)}]${lead}** ${text}`
      })
    : t.segments.map((s) => `**[${clockText(s.start)}]** ${escape(s.text)}`)
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
