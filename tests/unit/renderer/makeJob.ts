// A complete JobRow for store tests: a sample job's columns, then every column a row adds.
import type { JobRow } from '@shared/domain'
import { sampleJob } from '../../support/db'

export function makeJob(overrides: Partial<JobRow> & { id: number }): JobRow {
  return {
    ...sampleJob({
      filename: `clip-${overrides.id}.wav`,
      original_path: `/tmp/clip-${overrides.id}.wav`,
      formats: 'txt'
    }),
    duration_seconds: null,
    status: 'queued',
    progress: 0,
    error_message: null,
    cancel_reason: null,
    warning: null,
    created_at: 1_700_000_000_000,
    started_at: null,
    finished_at: null,
    output_files: null,
    process_id: null,
    process_start_time: null,
    process_group_id: null,
    owner_instance: null,
    owner_pid: null,
    log_file_path: null,
    last_heartbeat: null,
    keep_in_background: 0,
    endpoints: null,
    language: 'auto',
    translate: 0,
    ...overrides
  }
}
