-- A "Transcribe again" job's passage and the job its words go back into (core/service/passageRedos.ts).
-- In the database, not in the memory of the service that started it: a redo interrupted by a crash
-- or a quit and resumed later still decodes only its passage, and its words still go back into the
-- job when it completes. Its transcript covers only the passage, so its content is never reused for
-- a file with the same bytes (core/service/sameContent.ts). of_job_id is NULL once that job is
-- deleted: the redo then puts nothing back.
CREATE TABLE passage_redos (
  job_id INTEGER PRIMARY KEY REFERENCES transcription_jobs(id) ON DELETE CASCADE,
  of_job_id INTEGER REFERENCES transcription_jobs(id) ON DELETE SET NULL,
  from_seconds REAL NOT NULL,
  to_seconds REAL NOT NULL
);
