// A transcript as a file the user downloads: every text format (shared with the pipeline) plus
// DOCX (built here with the `docx` package, loaded only when asked for). Always the edited text.
import type { Transcript } from '@shared/transcript'
import { clockText } from '@shared/clockText'
import { TEXT_EXPORT_FORMATS, renderTextFormat } from '@shared/transcriptFormats'
import { hasSpeakers, speakerTurns } from '@shared/speakerEdits'

export const EXPORT_FORMATS = [...TEXT_EXPORT_FORMATS, 'docx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Each format as the picker names it, and the media type of its downloaded file. */
export const EXPORT_DETAILS: Record<ExportFormat, { label: string; mime: string }> = {
  txt: { label: 'Plain text (.txt)', mime: 'text/plain;charset=utf-8' },
  srt: { label: 'Subtitles (.srt)', mime: 'application/x-subrip;charset=utf-8' },
  vtt: { label: 'Web subtitles (.vtt)', mime: 'text/vtt;charset=utf-8' },
  json: { label: 'JSON with word times (.json)', mime: 'application/json;charset=utf-8' },
  md: { label: 'Markdown (.md)', mime: 'text/markdown;charset=utf-8' },
  docx: {
    label: 'Word document (.docx)',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  }
}

/** `talk.mp3` → `talk.srt`. */
export function exportFileName(sourceName: string, format: ExportFormat): string {
  const stem = sourceName.replace(/\.[^./\\]+$/, '').trim() || 'transcript'
  return `${stem}.${format}`
}

/** A paragraph per segment, or with speakers a paragraph per turn led by the name (bold). */
function docxParagraphs(t: Transcript): { start: number; name?: string; text: string }[] {
  if (!hasSpeakers(t)) return t.segments.map((s) => ({ start: s.start, text: s.text }))
  return speakerTurns(t).map((turn) => ({
    start: turn.segments[0].start,
    name: turn.name,
    text: turn.segments.map((s) => s.text).join(' ')
  }))
}

/**
 * XML 1.0 has no place for most control characters, U+FFFE/U+FFFF or a lone surrogate, and the
 * docx package writes text as it is: one of them (a remote engine's reply, a paste) made a file
 * Word refuses to open. Each becomes U+FFFD, so the reader sees where something was.
 */
function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu, '\uFFFD')
}

async function docxBlob(t: Transcript, title: string): Promise<Blob> {
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx')
  const doc = new Document({
    title: xmlText(title),
    sections: [
      {
        children: [
          new Paragraph({ text: xmlText(title), heading: HeadingLevel.HEADING_1 }),
          ...docxParagraphs(t).map(
            (p) =>
              new Paragraph({
                children: [
                  new TextRun({ text: `[${clockText(p.start)}] `, color: '666666' }),
                  ...(p.name === undefined
                    ? []
                    : [new TextRun({ text: `${xmlText(p.name)}: `, bold: true })]),
                  new TextRun(xmlText(p.text))
                ]
              })
          )
        ]
      }
    ]
  })
  return Packer.toBlob(doc)
}

export async function exportBytes(
  format: ExportFormat,
  t: Transcript,
  title: string
): Promise<Uint8Array> {
  if (format === 'docx') return new Uint8Array(await (await docxBlob(t, title)).arrayBuffer())
  return new TextEncoder().encode(renderTextFormat(format, t, title))
}

export async function exportBlob(
  format: ExportFormat,
  t: Transcript,
  title: string
): Promise<Blob> {
  if (format === 'docx') return docxBlob(t, title)
  return new Blob([renderTextFormat(format, t, title)], { type: EXPORT_DETAILS[format].mime })
}
