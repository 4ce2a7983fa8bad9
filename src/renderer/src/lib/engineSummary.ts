// The job page's "Engine" line: what served the job. For the endpoint engine the processes setting is
// unused (each endpoint's concurrency decides), so it names the endpoints instead; a local engine
// sharing the job with endpoints names both.
import { ENDPOINT_ENGINE, type JobRow } from '@shared/domain'
import { EndpointRefSchema, endpointLabel, type EndpointRef } from '@shared/endpoints'

function jobEndpoints(row: Pick<JobRow, 'endpoints'>): EndpointRef[] {
  if (!row.endpoints) return []
  try {
    const parsed = EndpointRefSchema.array().safeParse(JSON.parse(row.endpoints))
    return parsed.success ? parsed.data : []
  } catch {
    return []
  }
}

const endpointCount = (row: Pick<JobRow, 'endpoints'>): number => jobEndpoints(row).length

/** The job page's "Endpoints" line: which servers the job was sent to, with their models. */
export function endpointNames(row: Pick<JobRow, 'endpoints'>): string {
  return jobEndpoints(row)
    .map((e) => `${endpointLabel(e.baseUrl)} (${e.model})`)
    .join(', ')
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

export function engineSummary(
  row: Pick<JobRow, 'engine' | 'model' | 'processes' | 'workers' | 'endpoints'>
): string {
  const endpointTotal = endpointCount(row)
  const name = `${row.engine}${row.model ? ` (${row.model})` : ''}`
  const endpoints = count(endpointTotal, 'endpoint', 'endpoints')
  if (row.engine === ENDPOINT_ENGINE) return `${name} · ${endpoints}`
  const local = `${name} · ${count(row.processes, 'process', 'processes')} × ${count(row.workers, 'worker', 'workers')}`
  return endpointTotal > 0 ? `${local} + ${endpoints}` : local
}
