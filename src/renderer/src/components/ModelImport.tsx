// Settings → Models → "Import a model file…": a file the user already has (from another app, a
// colleague, a download elsewhere) becomes an installed model of its kind, in either host: a ggml
// .bin for whisper or voice activity, an ONNX file for the speaker models.
import { useState } from 'react'
import type { ModelKind } from '@shared/models'
import { importModelFile } from '../store/modelActions'

const WHAT: Record<ModelKind, { accept: string; label: string }> = {
  whisper: { accept: '.bin', label: 'a whisper model file (ggml .bin)' },
  vad: { accept: '.bin', label: 'a voice activity model file (ggml .bin)' },
  segmentation: { accept: '.onnx', label: 'a speaker segmentation model file (.onnx)' },
  embedding: { accept: '.onnx', label: 'a speaker embedding model file (.onnx)' }
}

export function ModelImport({ kind = 'whisper' }: { kind?: ModelKind }): React.JSX.Element {
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  return (
    <div className="model-import">
      <label className={busy ? 'button disabled' : 'button'}>
        Import a model file…
        <input
          type="file"
          accept={WHAT[kind].accept}
          className="visually-hidden"
          data-testid={kind === 'whisper' ? 'model-import-input' : `model-import-input-${kind}`}
          aria-label={`Import ${WHAT[kind].label}`}
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (!file) return
            setBusy(true)
            setResult(null)
            void importModelFile(file, kind).then((r) => {
              setResult(r)
              setBusy(false)
            })
          }}
        />
      </label>{' '}
      {busy && <span className="muted">Importing…</span>}
      {result && (
        <span
          className={result.ok ? 'ok' : 'reason'}
          role="status"
          data-testid={kind === 'whisper' ? 'model-import-result' : `model-import-result-${kind}`}
        >
          {result.text}
        </span>
      )}
    </div>
  )
}
