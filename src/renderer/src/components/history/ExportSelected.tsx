// Several transcripts at once: the ticked History rows as one zip, in the chosen format (with edits).
import { useState } from 'react'
import { getApi } from '../../transport/getApi'
import { useHistoryStore } from '../../store/historyStore'
import { addNotice } from '../../store/noticesStore'
import { exportBytes, type ExportFormat } from '../../lib/transcriptExport'
import { zipTranscripts, type ZipItem } from '../../lib/transcriptZip'
import { saveBlob } from '../../lib/download'
import { ExportFormatSelect } from '../ExportFormatSelect'
import { oneLineError } from '@shared/errors'

async function zipSelected(
  ids: number[],
  format: ExportFormat
): Promise<{ zip: Uint8Array; count: number; skipped: string[] }> {
  const items: ZipItem[] = []
  const skipped: string[] = []
  for (const id of ids) {
    const job = await getApi().jobs.get({ id })
    const doc = job ? await getApi().transcripts.get({ id }) : null
    if (!job || !doc) {
      skipped.push(job?.filename ?? `#${id}`)
      continue
    }
    const bytes = await exportBytes(format, doc.transcript, job.filename)
    items.push({ jobId: job.id, filename: job.filename, bytes })
  }
  return { zip: zipTranscripts(items, format), count: items.length, skipped }
}

export function ExportSelected(): React.JSX.Element {
  const selected = useHistoryStore((s) => s.selected)
  const [format, setFormat] = useState<ExportFormat>('txt')
  const [busy, setBusy] = useState(false)
  const onExport = async (): Promise<void> => {
    setBusy(true)
    try {
      const { zip, count, skipped } = await zipSelected(selected, format)
      if (count > 0)
        saveBlob(
          'transcripts.zip',
          new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' })
        )
      if (skipped.length > 0)
        addNotice('info', `No transcript to export for: ${skipped.join(', ')}`)
    } catch (err) {
      addNotice('error', `Export failed: ${oneLineError(err)}`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="export-bar" role="group" aria-label="Export selected transcripts">
      <ExportFormatSelect
        value={format}
        onChange={setFormat}
        label="Format for the zip"
        testId="zip-format"
      />
      <button
        onClick={() => void onExport()}
        disabled={selected.length === 0 || busy}
        data-testid="export-zip"
      >
        {busy ? 'Exporting…' : `Export ${selected.length} as zip`}
      </button>
    </div>
  )
}
