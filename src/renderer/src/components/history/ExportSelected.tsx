// Several transcripts at once: the ticked History rows as one zip, in the chosen format (with edits).
import { useState } from 'react'
import { zipSync } from 'fflate'
import { getApi } from '../../transport/getApi'
import { useHistoryStore } from '../../store/historyStore'
import { addNotice } from '../../store/noticesStore'
import { exportBytes, exportFileName, type ExportFormat } from '../../lib/transcriptExport'
import { saveBlob } from '../../lib/download'
import { ExportFormatSelect } from '../ExportFormatSelect'
import { oneLineError } from '@shared/errors'

async function zipTranscripts(
  ids: number[],
  format: ExportFormat
): Promise<{ zip: Uint8Array; count: number; skipped: string[] }> {
  const files: Record<string, Uint8Array> = {}
  const skipped: string[] = []
  for (const id of ids) {
    const job = await getApi().jobs.get({ id })
    const doc = job ? await getApi().transcripts.get({ id }) : null
    if (!job || !doc) {
      skipped.push(job?.filename ?? `#${id}`)
      continue
    }
    // The job number keeps two recordings of the same name apart.
    const name = `${job.id}-${exportFileName(job.filename, format)}`
    files[name] = await exportBytes(format, doc.transcript, job.filename)
  }
  return { zip: zipSync(files, { level: 6 }), count: Object.keys(files).length, skipped }
}

export function ExportSelected(): React.JSX.Element {
  const selected = useHistoryStore((s) => s.selected)
  const [format, setFormat] = useState<ExportFormat>('txt')
  const [busy, setBusy] = useState(false)
  const onExport = async (): Promise<void> => {
    setBusy(true)
    try {
      const { zip, count, skipped } = await zipTranscripts(selected, format)
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
