// Get the transcript out: copy it, or download it in any format (always with the edits).
import { useState } from 'react'
import { useTranscriptStore } from '../../store/transcriptStore'
import { addNotice } from '../../store/noticesStore'
import { copyText } from '../../lib/clipboard'
import { toTxt } from '@shared/transcriptFormats'
import { exportBlob, exportFileName, type ExportFormat } from '../../lib/transcriptExport'
import { saveBlob } from '../../lib/download'
import { ExportFormatSelect } from '../ExportFormatSelect'
import { oneLineError } from '@shared/errors'

export function ExportBar({ filename }: { filename: string }): React.JSX.Element {
  const transcript = useTranscriptStore((s) => s.transcript)
  const [format, setFormat] = useState<ExportFormat>('srt')
  const [copied, setCopied] = useState(false)
  const disabled = !transcript

  const onCopy = async (): Promise<void> => {
    if (!transcript) return
    const ok = await copyText(toTxt(transcript))
    if (ok) {
      setCopied(true)
      setTimeout(() => setCopied(false), 2000)
    } else addNotice('error', 'Copying failed: the browser did not allow it')
  }
  const onDownload = async (): Promise<void> => {
    if (!transcript) return
    try {
      saveBlob(exportFileName(filename, format), await exportBlob(format, transcript, filename))
    } catch (err) {
      addNotice('error', `Download failed: ${oneLineError(err)}`)
    }
  }
  return (
    <div className="export-bar" role="group" aria-label="Export">
      <button onClick={() => void onCopy()} disabled={disabled} data-testid="copy-transcript">
        {copied ? 'Copied' : 'Copy text'}
      </button>
      <ExportFormatSelect
        value={format}
        onChange={setFormat}
        label="Download format"
        testId="export-format"
      />
      <button onClick={() => void onDownload()} disabled={disabled} data-testid="download">
        Download
      </button>
    </div>
  )
}
