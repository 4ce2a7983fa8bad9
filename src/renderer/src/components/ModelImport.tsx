// Settings → Whisper models → "Import a model file…": a ggml .bin the user already has (from
// another app, a colleague, a download elsewhere) becomes an installed model, in either host.
import { useState } from 'react'
import { importModelFile } from '../store/modelActions'

export function ModelImport(): React.JSX.Element {
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  return (
    <div className="model-import">
      <label className={busy ? 'button disabled' : 'button'}>
        Import a model file…
        <input
          type="file"
          accept=".bin"
          className="visually-hidden"
          data-testid="model-import-input"
          aria-label="Import a whisper model file (ggml .bin)"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (!file) return
            setBusy(true)
            setResult(null)
            void importModelFile(file).then((r) => {
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
          data-testid="model-import-result"
        >
          {result.text}
        </span>
      )}
    </div>
  )
}
