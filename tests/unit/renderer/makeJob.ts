// A complete JobRow for store tests (every column, with overrides).
import type { JobRow } from '@shared/domain'

export function makeJob(overrides: Partial<JobRow> & { id: number }): JobRow {
  return {
    filename: `clip-${overrides.id}.wav`,
    original_path: `/tmp/clip-${overrides.id}.wav`,
    duration_seconds: null,
    engine: 'pocketsphinx',
    model: '',
    processes: 2,
    workers: 1,
    chunk_seconds: 30,
    overlap_seconds: 2,
    formats: 'txt',
    output_dir: null,
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
    vad: 'off',
    vad_model: '',
    ...overrides
  }
}
