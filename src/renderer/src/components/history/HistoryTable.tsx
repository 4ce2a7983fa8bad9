// History's table: one page of rows, each tickable, with a box that ticks the whole page.
import type { HistoryRow, JobRow } from '@shared/domain'
import { setSelected } from '../../store/historyStore'
import { HistoryRowView } from './HistoryRow'

export function HistoryTable(props: {
  rows: HistoryRow[]
  selected: number[]
  onDelete: (row: JobRow) => void
}): React.JSX.Element {
  const { rows, selected } = props
  const pageIds = rows.map((r) => r.id)
  const allTicked = pageIds.length > 0 && pageIds.every((id) => selected.includes(id))
  return (
    <div className="table-scroll">
      <table className="history" data-testid="history-table">
        <thead>
          <tr>
            <th>
              <input
                type="checkbox"
                aria-label="Select every job on this page"
                checked={allTicked}
                onChange={(e) =>
                  setSelected(
                    e.target.checked
                      ? [...new Set([...selected, ...pageIds])]
                      : selected.filter((id) => !pageIds.includes(id))
                  )
                }
              />
            </th>
            <th>#</th>
            <th>File</th>
            <th>Status</th>
            <th>Created</th>
            <th className="wide-only">Length</th>
            <th className="wide-only">Engine</th>
            <th>Reason</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <HistoryRowView
              key={row.id}
              row={row}
              ticked={selected.includes(row.id)}
              onDelete={props.onDelete}
            />
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={9} className="muted">
                No jobs match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}
