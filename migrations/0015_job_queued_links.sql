-- When a job last entered the queue: created, or resumed later. The batch line counts the jobs
-- queued since the queue was last empty by it, so an old job resumed today counts from today, not
-- from the day it was first added (and pulls no earlier jobs into the batch). Rows from before:
-- their creation time.
ALTER TABLE transcription_jobs ADD COLUMN queued_at INTEGER NOT NULL DEFAULT 0;
UPDATE transcription_jobs SET queued_at = created_at;
-- The batch's rows by queue time; its oldest unfinished job by status then queue time.
CREATE INDEX transcription_jobs_queued_at ON transcription_jobs(queued_at);
CREATE INDEX transcription_jobs_status_queued ON transcription_jobs(status, queued_at);

-- A job whose input had the same bytes as an earlier completed job's: that job (its transcript
-- was reused and exported again, nothing re-run). NULL for a job that ran, or once that earlier
-- job is deleted.
ALTER TABLE transcription_jobs ADD COLUMN linked_job_id INTEGER
  REFERENCES transcription_jobs(id) ON DELETE SET NULL;
-- 1: when its turn comes, a job whose content was transcribed already is linked instead of run
-- (a dropped file, the CLI's transcribe). 0: it runs whatever ("Transcribe again", a passage,
-- a recording, rows from before).
ALTER TABLE transcription_jobs ADD COLUMN link_same_content INTEGER NOT NULL DEFAULT 0;
