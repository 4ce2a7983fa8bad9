// Settings → Speech detection and speaker models: the models that are not whisper's, grouped by
// what they are for, each with its size, licence and state. A row with a verified checksum has
// Download (Silero); the speaker models come as archives or without a published checksum, so their
// row links to the file to fetch, and Import installs it (checked before it is kept: a wrong file
// is refused with one line, src/main/core/models/kindModels.ts). Delete removes an installed one.
import type { DownloadProgress, KindModelRow, ModelKind } from '@shared/models'
import { formatBytes } from '@shared/byteText'
import { cancelModelDownload, deleteModel, downloadModel } from '../store/modelActions'
import { useModelsStore } from '../store/modelsStore'
import { DownloadStatus, ModelTableHead } from './ModelsSection'
import { ModelImport } from './ModelImport'

type OtherKind = Exclude<ModelKind, 'whisper'>

const GROUPS: { kind: OtherKind; title: string; use: string }[] = [
  {
    kind: 'vad',
    title: 'Speech detection',
    use: 'Finds speech, so music, noise and silence are not transcribed.'
  },
  {
    kind: 'segmentation',
    title: 'Speaker segmentation',
    use: 'Finds where one voice ends and another begins (Speakers needs one of these).'
  },
  {
    kind: 'embedding',
    title: 'Speaker embedding',
    use: 'Tells voices apart and recognises remembered ones (Speakers needs one of these).'
  }
]

function KindAction({ row }: { row: KindModelRow }): React.JSX.Element {
  const progress = useModelsStore((s) => s.progress[row.name] as DownloadProgress | undefined)
  const active = progress && (progress.state === 'downloading' || progress.state === 'verifying')
  if (active)
    return (
      <button type="button" onClick={() => void cancelModelDownload(row.name)}>
        Cancel
      </button>
    )
  if (row.installed)
    return (
      <button
        type="button"
        className="danger"
        onClick={() => void deleteModel(row.name, row.kind)}
        aria-label={`Delete ${row.name}`}
      >
        Delete
      </button>
    )
  if (row.pullable)
    return (
      <button type="button" onClick={() => void downloadModel(row.name)}>
        Download
      </button>
    )
  return row.source ? (
    <a href={row.source} target="_blank" rel="noreferrer" className="muted">
      Get the file, then Import
    </a>
  ) : (
    <span />
  )
}

function KindState({ row }: { row: KindModelRow }): React.JSX.Element {
  const progress = useModelsStore((s) => s.progress[row.name] as DownloadProgress | undefined)
  if (progress && progress.state !== 'done' && !row.installed)
    return <DownloadStatus p={progress} />
  if (row.installed) return <>Installed ({formatBytes(row.installed.bytes)})</>
  return <span className="muted">Not installed</span>
}

function KindTable({ rows }: { rows: KindModelRow[] }): React.JSX.Element {
  return (
    <table className="models-table">
      <ModelTableHead third="Licence" />
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} data-testid={`kind-model-${row.kind}-${row.name}`}>
            <th scope="row">
              {row.name}
              <div className="muted model-note">{row.note}</div>
            </th>
            <td>{row.sizeLabel}</td>
            <td>{row.licence || '—'}</td>
            <td>
              <KindState row={row} />
            </td>
            <td>
              <KindAction row={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function KindModelsSection(): React.JSX.Element | null {
  const listing = useModelsStore((s) => s.listing)
  if (!listing) return null
  return (
    <section className="page models-section" aria-labelledby="kind-models-heading">
      <h2 id="kind-models-heading">Speech detection and speaker models</h2>
      {GROUPS.map((group) => (
        <section
          key={group.kind}
          aria-labelledby={`kind-${group.kind}-heading`}
          data-testid={`kind-models-${group.kind}`}
        >
          <h3 id={`kind-${group.kind}-heading`}>{group.title}</h3>
          <p className="muted">{group.use}</p>
          <KindTable rows={listing.kinds.filter((m) => m.kind === group.kind)} />
          <ModelImport kind={group.kind} />
        </section>
      ))}
    </section>
  )
}
