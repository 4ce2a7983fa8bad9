// Every process of a job's tree (pipeline and workers) as last seen by the host, and the requests
// to endpoints in flight (their CPU is spent on the server, so it is not measured here).
import { memo } from 'react'
import { useMetricsStore } from '../store/metricsStore'

// memo: the Job page re-renders on every progress update; this part only needs its own store.
export const ProcessTable = memo(function ProcessTable({
  jobId
}: {
  jobId: number
}): React.JSX.Element {
  const processes = useMetricsStore((s) => s.processes[jobId])
  const requests = useMetricsStore((s) => s.endpointRequests[jobId]) ?? []
  const rows = processes ?? []
  const now = Date.now()
  return (
    // Its own scroll box: a long command line never widens the page (a narrow window scrolls it here).
    <div className="table-scroll">
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
          {rows.length === 0 && requests.length === 0 ? (
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
          {requests.map((r) => (
            <tr key={`${r.endpoint}-${r.chunk}`} data-testid="remote-request-row">
              <td>remote</td>
              <td>—</td>
              <td className="command" title={`POST ${r.endpoint}/audio/transcriptions`}>
                {`${r.endpoint} · chunk ${r.chunk} · ${Math.max(0, Math.round((now - r.startedAt) / 1000))} s`}
              </td>
              <td className="num muted" title="remote CPU is not measured">
                n/a
              </td>
              <td className="num muted">—</td>
            </tr>
          ))}
        </tbody>
        {requests.length > 0 && (
          <tfoot>
            <tr>
              <td colSpan={5} className="muted" data-testid="remote-cpu-note">
                {requests.length} remote request(s) in flight; remote CPU is not measured (the
                job&apos;s CPU and memory are this machine&apos;s only).
              </td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  )
})
