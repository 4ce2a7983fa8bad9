-- The spec's process-tracking migration (process_id, log_file_path, last_heartbeat) plus the
-- columns that make a PID safe to act on: its OS start time (PID reuse check), its process
-- group, and which app instance owns it (so a dead owner's jobs can be reaped).
ALTER TABLE transcription_jobs ADD COLUMN process_id INTEGER;
ALTER TABLE transcription_jobs ADD COLUMN process_start_time TEXT;
ALTER TABLE transcription_jobs ADD COLUMN process_group_id INTEGER;
ALTER TABLE transcription_jobs ADD COLUMN owner_instance TEXT;
ALTER TABLE transcription_jobs ADD COLUMN owner_pid INTEGER;
ALTER TABLE transcription_jobs ADD COLUMN log_file_path TEXT;
ALTER TABLE transcription_jobs ADD COLUMN last_heartbeat INTEGER;
ALTER TABLE transcription_jobs ADD COLUMN keep_in_background INTEGER NOT NULL DEFAULT 0
  CHECK (keep_in_background IN (0, 1));

-- The reaper's query: processing jobs by heartbeat age.
CREATE INDEX idx_transcription_jobs_heartbeat ON transcription_jobs (status, last_heartbeat);
