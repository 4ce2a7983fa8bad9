-- Transcripts live in the database, next to their job: the engine's original output (kept as it
-- was) and the user's edits (null until the first edit). `text` is the plain text of what the
-- user sees now (the edit if any, else the original), for search. Removed with their job.
CREATE TABLE job_transcripts (
  job_id INTEGER PRIMARY KEY NOT NULL,
  original TEXT NOT NULL,
  edited TEXT,
  text TEXT NOT NULL,
  edited_at INTEGER
);

-- History search over file names and transcript text: accent- and case-insensitive, one row
-- per job (rowid = job id), kept in step with both tables by the triggers below.
CREATE VIRTUAL TABLE job_search USING fts5(
  filename,
  transcript,
  tokenize = 'unicode61 remove_diacritics 2',
  -- Searching as you type asks for prefixes ("leis" finds "leisure"): index them.
  prefix = '2 3 4'
);

INSERT INTO job_search (rowid, filename, transcript)
  SELECT id, filename, '' FROM transcription_jobs;

CREATE TRIGGER job_search_job_inserted AFTER INSERT ON transcription_jobs BEGIN
  INSERT INTO job_search (rowid, filename, transcript) VALUES (new.id, new.filename, '');
END;

CREATE TRIGGER job_search_job_renamed AFTER UPDATE OF filename ON transcription_jobs BEGIN
  UPDATE job_search SET filename = new.filename WHERE rowid = new.id;
END;

CREATE TRIGGER job_search_job_deleted AFTER DELETE ON transcription_jobs BEGIN
  DELETE FROM job_search WHERE rowid = old.id;
  DELETE FROM job_transcripts WHERE job_id = old.id;
END;

CREATE TRIGGER job_search_transcript_inserted AFTER INSERT ON job_transcripts BEGIN
  UPDATE job_search SET transcript = new.text WHERE rowid = new.job_id;
END;

CREATE TRIGGER job_search_transcript_changed AFTER UPDATE OF text ON job_transcripts BEGIN
  UPDATE job_search SET transcript = new.text WHERE rowid = new.job_id;
END;

CREATE TRIGGER job_search_transcript_deleted AFTER DELETE ON job_transcripts BEGIN
  UPDATE job_search SET transcript = '' WHERE rowid = old.job_id;
END;

-- History sorts by these in SQL (the default is newest first).
CREATE INDEX idx_transcription_jobs_created ON transcription_jobs (created_at, id);
CREATE INDEX idx_transcription_jobs_filename ON transcription_jobs (filename COLLATE NOCASE, id);
