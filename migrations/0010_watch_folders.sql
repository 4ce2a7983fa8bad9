-- Watch folders: a folder where recordings land, its own job options, and where (and under which
-- name template) its transcripts are exported. The path is the folder's real path, once.
CREATE TABLE watch_folders (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  recursive INTEGER NOT NULL DEFAULT 0,
  output_dir TEXT NOT NULL,
  name_template TEXT NOT NULL DEFAULT '{name}',
  -- JSON: the job options (engine, model, language, formats …) its files are transcribed with.
  options TEXT NOT NULL,
  paused INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

-- Every file a watch has taken (or refused), so a restart neither loses nor repeats one: the
-- size and mtime it was taken at, its content hash, the job that transcribes it (its own, or the
-- earlier job with the same content it is linked to) and where its transcript was exported.
-- state: queued (its job runs) | linked (waits for the job with its content) | exported |
-- skipped (not media, vanished) | failed (the job failed).
CREATE TABLE watch_files (
  folder_id INTEGER NOT NULL REFERENCES watch_folders(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  content_hash TEXT,
  state TEXT NOT NULL,
  job_id INTEGER REFERENCES transcription_jobs(id) ON DELETE SET NULL,
  reason TEXT,
  outputs TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (folder_id, path)
);
CREATE INDEX watch_files_job ON watch_files(job_id);

-- Each input's content (SHA-256 of its bytes): the same bytes under another name are not
-- transcribed again.
ALTER TABLE transcription_jobs ADD COLUMN content_hash TEXT;
CREATE INDEX transcription_jobs_content_hash ON transcription_jobs(content_hash);
