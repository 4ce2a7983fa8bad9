// Several transcripts as one zip, and the name each gets inside it. Job file names are whatever the user's disk
// allowed (`..\..\evil.srt`, control characters, a right-to-left override that makes `gpj.exe`
// read as `exe.jpg`); a zip entry is a path to whoever unpacks it. So one safe charset: letters,
// marks and digits of any script and a few plain marks; no separators, no control or bidi
// characters, no leading dot; unique within the zip.
import { zipSync } from 'fflate'
import { exportFileName, type ExportFormat } from './transcriptExport'

/** Runs of anything outside the safe charset (separators, Cc and Cf characters included). */
const UNSAFE = /[^\p{L}\p{M}\p{N} ._\-()[\]+,'&]+/gu
/** Code points of the stem: long enough to recognise, short enough for every file system. */
const MAX_STEM = 100

function safeStem(sourceName: string, format: ExportFormat): string {
  const stem = exportFileName(sourceName, format).slice(0, -(format.length + 1))
  const safe = stem
    .replace(UNSAFE, '_')
    .replace(/^[\s._]+|[\s._]+$/g, '')
    .replace(/\.{2,}/g, '.')
  return Array.from(safe).slice(0, MAX_STEM).join('').trim() || 'transcript'
}

/** `12-talk.srt`; the job number keeps two recordings of one name apart, a counter the rest. */
export function zipEntryName(
  jobId: number,
  sourceName: string,
  format: ExportFormat,
  taken: ReadonlySet<string>
): string {
  const stem = `${jobId}-${safeStem(sourceName, format)}`
  let name = `${stem}.${format}`
  for (let n = 2; taken.has(name); n++) name = `${stem} (${n}).${format}`
  return name
}

export interface ZipItem {
  jobId: number
  /** The job's file name, as the user's disk had it. */
  filename: string
  bytes: Uint8Array
}

export function zipTranscripts(items: readonly ZipItem[], format: ExportFormat): Uint8Array {
  const files: Record<string, Uint8Array> = {}
  for (const item of items)
    files[zipEntryName(item.jobId, item.filename, format, new Set(Object.keys(files)))] = item.bytes
  return zipSync(files, { level: 6 })
}
