-- A job that completed but whose transcript may surprise the user (no speech found, a truncated
-- file, long stretches without speech) says so: one line, '; '-separated when several.
ALTER TABLE transcription_jobs ADD COLUMN warning TEXT;
