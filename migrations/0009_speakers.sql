-- Each finished job's speakers as the diarizer heard them: one centroid embedding per
-- speaker (float32 little-endian), so a voice can be remembered from any job and matched in
-- later ones. Removed with their job.
CREATE TABLE job_speaker_embeddings (
  job_id INTEGER NOT NULL REFERENCES transcription_jobs(id) ON DELETE CASCADE,
  speaker_id TEXT NOT NULL,
  model TEXT NOT NULL,
  seconds REAL NOT NULL,
  embedding BLOB NOT NULL,
  PRIMARY KEY (job_id, speaker_id)
);

-- Voices the user asked to remember: a name and the centroid embedding it was heard with.
-- Embeddings never leave the machine.
CREATE TABLE voices (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  model TEXT NOT NULL,
  embedding BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
