// History search: by file name, path or failure/stop reason, optionally one status; newest first.
import type { JobRow, JobStatus } from '@shared/domain'

export function filterJobs(
  jobs: readonly JobRow[],
  search: string,
  status: JobStatus | ''
): JobRow[] {
  const needle = search.trim().toLowerCase()
  return jobs
    .filter((j) => status === '' || j.status === status)
    .filter(
      (j) =>
        needle === '' ||
        [
          j.filename,
          j.original_path,
          j.error_message ?? '',
          j.cancel_reason ?? '',
          String(j.id)
        ].some((s) => s.toLowerCase().includes(needle))
    )
    .sort((a, b) => b.created_at - a.created_at || b.id - a.id)
}
