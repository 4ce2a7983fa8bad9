// Every process of a job's tree (pipeline and workers) as last seen by the host.
import { memo } from 'react'
import { useMetricsStore } from '../store/metricsStore'

// memo: the Job page re-renders on every progress update; this part only needs its own store.
export const ProcessTable = memo(function ProcessTable({
  jobId
}: {
  jobId: number
}): React.JSX.Element {
  const processes = useMetricsStore((s) => s.processes[jobId])
  const rows = processes ?? []
  return (
    <table className="process-table" data-testid="process-table">
      <caption>Processes</caption>
      <thead>
        <tr>
          <th>PID</th>
          <th>Parent</th>
          <th>Command</th>
          <th className="num">CPU %</th>
          <th className="num">Memory MB</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr data-testid="process-table-empty">
            <td colSpan={5} className="muted">
              No processes running
            </td>
          </tr>
        ) : (
          rows.map((p) => (
            <tr key={p.pid} data-testid="process-row">
              <td>{p.pid}</td>
              <td>{p.ppid}</td>
              <td className="command" title={p.command}>
                {p.command}
              </td>
              <td className="num">{p.cpuPercent.toFixed(1)}</td>
              <td className="num">{p.memoryMb.toFixed(1)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  )
})
