// The job page's "Engine" line: what served the job. For engine openai the processes setting is
// unused (each endpoint's concurrency decides), so it names the endpoints instead; a local engine
// sharing the job with endpoints names both.
import type { JobRow } from '@shared/domain'
import { EndpointRefSchema } from '@shared/endpoints'

function endpointCount(row: Pick<JobRow, 'endpoints'>): number {
  if (!row.endpoints) return 0
  try {
    const parsed = EndpointRefSchema.array().safeParse(JSON.parse(row.endpoints))
    return parsed.success ? parsed.data.length : 0
  } catch {
    return 0
  }
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

export function engineSummary(
  row: Pick<JobRow, 'engine' | 'model' | 'processes' | 'workers' | 'endpoints'>
): string {
  const remote = endpointCount(row)
  const name = `${row.engine}${row.model ? ` (${row.model})` : ''}`
  const endpoints = count(remote, 'endpoint', 'endpoints')
  if (row.engine === 'openai') return `${name} · ${endpoints}`
  const local = `${name} · ${count(row.processes, 'process', 'processes')} × ${count(row.workers, 'worker', 'workers')}`
  return remote > 0 ? `${local} + ${endpoints}` : local
}
