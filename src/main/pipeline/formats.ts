// Transcript → the text of each output format. The rendering lives in src/shared so the job page's
// downloads (with the user's edits) come out exactly like the files the pipeline writes.
import type { OutputFormat } from '@shared/domain'
import type { Transcript } from '@shared/transcript'
import { renderTextFormat } from '@shared/transcriptFormats'

export { toJson, toSrt, toTxt, toVtt } from '@shared/transcriptFormats'

export function renderFormat(format: OutputFormat, t: Transcript): string {
  return renderTextFormat(format, t, '')
}
