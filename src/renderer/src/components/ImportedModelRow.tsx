// A whisper model in the models folder that is not in the catalog (imported, or pulled from a
// URL on the command line): listed like the others, and deleted the same way.
import { formatBytes } from '@shared/byteText'
import type { InstalledModel } from '@shared/models'
import { deleteModel } from '../store/modelActions'

export function ImportedModelRow({ model }: { model: InstalledModel }): React.JSX.Element {
  return (
    <tr data-testid={`model-${model.name}`}>
      <th scope="row">
        {model.name}
        <span className="badge"> imported</span>
      </th>
      <td>{formatBytes(model.bytes)}</td>
      <td className="muted">—</td>
      <td>Installed ({formatBytes(model.bytes)})</td>
      <td>
        <button type="button" className="danger" onClick={() => void deleteModel(model.name)}>
          Delete
        </button>
      </td>
    </tr>
  )
}
