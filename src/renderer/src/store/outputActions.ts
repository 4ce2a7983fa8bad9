// What the browser host offers instead of Open and Reveal (which need the desktop): Download the
// output (the transcript as shown, edits included, in that format, saved by the browser) and Copy
// path (where the host wrote the file, for a terminal or a file manager on that machine).
import { parseOutputFiles, type JobRow, type OutputFormat } from '@shared/domain'
import { oneLineError } from '@shared/errors'
import { renderTextFormat } from '@shared/transcriptFormats'
import { copyText } from '../lib/clipboard'
import { saveBlob } from '../lib/download'
import { exportFileName } from '../lib/transcriptExport'
import { getApi } from '../transport/getApi'
import { addNotice } from './noticesStore'

export async function downloadOutput(row: JobRow, format: OutputFormat): Promise<void> {
  try {
    const doc = await getApi().transcripts.get({ id: row.id })
    if (!doc) throw new Error('the transcript is no longer there')
    const text = renderTextFormat(format, doc.transcript, row.filename)
    saveBlob(exportFileName(row.filename, format), new Blob([text], { type: 'text/plain' }))
  } catch (err) {
    addNotice('error', `Could not download the .${format}: ${oneLineError(err)}`, [row.id])
  }
}

export async function copyOutputPath(row: JobRow, format: OutputFormat): Promise<void> {
  const path = parseOutputFiles(row.output_files)[format]
  if (!path) {
    addNotice('error', `Job #${row.id} has no .${format} file`, [row.id])
    return
  }
  const copied = await copyText(path)
  addNotice('info', copied ? `Copied: ${path}` : `The file is at ${path}`, [row.id])
}
