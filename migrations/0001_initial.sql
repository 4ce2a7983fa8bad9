-- The job table without process tracking (that is 0002, the spec's migration).
-- Times are Unix epoch milliseconds. Column names are JobRow's (src/shared/domain.ts).
CREATE TABLE transcription_jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  filename TEXT NOT NULL,
  original_path TEXT NOT NULL,
  duration_seconds REAL,
  engine TEXT NOT NULL,
  model TEXT NOT NULL DEFAULT '',
  processes INTEGER NOT NULL CHECK (processes >= 1),
  workers INTEGER NOT NULL CHECK (workers >= 1),
  chunk_seconds REAL NOT NULL CHECK (chunk_seconds > 0),
  overlap_seconds REAL NOT NULL CHECK (overlap_seconds >= 0),
  formats TEXT NOT NULL,
  output_dir TEXT,
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'cancelled')),
  progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  error_message TEXT,
  cancel_reason TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  output_files TEXT
);

CREATE INDEX idx_transcription_jobs_status ON transcription_jobs (status);
CREATE INDEX idx_transcription_jobs_status_created ON transcription_jobs (status, created_at);
