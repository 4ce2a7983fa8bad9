// The whisper model catalog: size, languages, installed state, Download / Cancel / Delete, and
// live progress. Downloads belong to the app: leaving this page does not cancel them.
import { useEffect } from 'react'
import { formatBytes } from '@shared/byteText'
import type { CatalogModel, DownloadProgress, InstalledModel } from '@shared/models'
import {
  cancelModelDownload,
  deleteModel,
  downloadModel,
  refreshModels
} from '../store/modelActions'
import { useModelsStore } from '../store/modelsStore'
import { useSettingsStore } from '../store/settingsStore'
import { ImportedModelRow } from './ImportedModelRow'
import { ModelImport } from './ModelImport'

function eta(seconds: number | null): string {
  if (seconds === null) return ''
  return seconds >= 60
    ? `${Math.floor(seconds / 60)} min ${seconds % 60} s left`
    : `${seconds} s left`
}

export function DownloadStatus({ p }: { p: DownloadProgress }): React.JSX.Element {
  if (p.state === 'failed') return <span className="reason">Failed: {p.error}</span>
  if (p.state === 'cancelled') return <span className="muted">Cancelled (resumes next time)</span>
  if (p.state === 'done') return <span>Installed</span>
  const fraction = p.totalBytes ? p.receivedBytes / p.totalBytes : undefined
  return (
    <span className="download-progress" data-testid={`download-${p.name}`}>
      <progress value={fraction} max={1} aria-label={`Downloading ${p.name}`} />{' '}
      {p.state === 'verifying'
        ? 'Verifying SHA-1…'
        : `${fraction !== undefined ? `${Math.floor(fraction * 100)} % · ` : ''}${formatBytes(p.receivedBytes)}${p.totalBytes ? ` of ${formatBytes(p.totalBytes)}` : ''} · ${formatBytes(p.bytesPerSecond)}/s ${eta(p.etaSeconds)}`}
    </span>
  )
}

function ModelRow(props: {
  model: CatalogModel
  installed: InstalledModel | null
  progress: DownloadProgress | undefined
}): React.JSX.Element {
  const { model, installed, progress } = props
  const active = progress && (progress.state === 'downloading' || progress.state === 'verifying')
  return (
    <tr data-testid={`model-${model.name}`}>
      <th scope="row">
        {model.name}
        {model.recommended && <span className="badge"> recommended</span>}
      </th>
      <td>{model.sizeLabel}</td>
      <td>{model.languages}</td>
      <td>
        {active || (progress && progress.state !== 'done' && !installed) ? (
          <DownloadStatus p={progress as DownloadProgress} />
        ) : installed ? (
          `Installed (${formatBytes(installed.bytes)})`
        ) : (
          <span className="muted">Not installed</span>
        )}
      </td>
      <td>
        {active ? (
          <button type="button" onClick={() => void cancelModelDownload(model.name)}>
            Cancel
          </button>
        ) : installed ? (
          <button type="button" className="danger" onClick={() => void deleteModel(model.name)}>
            Delete
          </button>
        ) : (
          <button type="button" onClick={() => void downloadModel(model.name)}>
            Download
          </button>
        )}
      </td>
    </tr>
  )
}

/** The head of a models table: name, size, a third column (languages, licence), state, action. */
export function ModelTableHead({ third }: { third: string }): React.JSX.Element {
  return (
    <thead>
      <tr>
        <th scope="col">Model</th>
        <th scope="col">Size</th>
        <th scope="col">{third}</th>
        <th scope="col">State</th>
        <th scope="col">
          <span className="visually-hidden">Action</span>
        </th>
      </tr>
    </thead>
  )
}

export function ModelsSection(): React.JSX.Element {
  const listing = useModelsStore((s) => s.listing)
  const progress = useModelsStore((s) => s.progress)
  const error = useModelsStore((s) => s.error)
  // A saved mirror changes where the next download comes from: the listing says so at once.
  const mirror = useSettingsStore((s) => s.settings?.modelBaseUrl)
  useEffect(() => {
    void refreshModels()
  }, [mirror])
  return (
    <section className="page models-section" aria-labelledby="models-heading">
      <h2 id="models-heading">Whisper models</h2>
      <p className="muted">
        Downloads run in the app: leaving this page does not cancel them. Each file is checked
        against whisper.cpp&apos;s published SHA-1 before it is used.
      </p>
      {error && (
        <p className="reason" role="alert">
          {error}
        </p>
      )}
      {!listing ? (
        <p className="muted">Loading models…</p>
      ) : (
        <>
          <table className="models-table">
            <ModelTableHead third="Languages" />
            <tbody>
              {listing.catalog.map((m) => (
                <ModelRow
                  key={m.name}
                  model={m}
                  installed={m.installed}
                  progress={progress[m.name]}
                />
              ))}
              {listing.others.map((m) => (
                <ImportedModelRow key={m.name} model={m} />
              ))}
            </tbody>
          </table>
          <ModelImport />
          <p className="muted">
            Folder: {listing.modelsDir} · from {listing.baseUrl}
          </p>
        </>
      )}
    </section>
  )
}
