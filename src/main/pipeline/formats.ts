// Transcript → the text of each output format. The rendering lives in src/shared so the job page's
// downloads (with the user's edits) come out exactly like the files the pipeline writes.
import type { OutputFormat, Transcript } from '@shared/domain'
import { renderTextFormat } from '@shared/transcriptFormats'

export { toJson, toSrt, toTxt, toVtt } from '@shared/transcriptFormats'

export function renderFormat(format: OutputFormat, t: Transcript): string {
  return renderTextFormat(format, t, '')
}
