-- Remote OpenAI-compatible endpoints (Settings → Endpoints). The API key is NOT here: it lives in
-- the host's secret store (Electron's safeStorage, or a 0600 file), named endpoint-<id>.
CREATE TABLE endpoints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  base_url TEXT NOT NULL,
  model TEXT NOT NULL,
  concurrency INTEGER NOT NULL CHECK (concurrency BETWEEN 1 AND 64),
  has_key INTEGER NOT NULL DEFAULT 0 CHECK (has_key IN (0, 1)),
  created_at INTEGER NOT NULL,
  UNIQUE (base_url, model)
);

-- The endpoints a job was given (JSON array of {baseUrl, model, concurrency, keyRef?}; no keys).
ALTER TABLE transcription_jobs ADD COLUMN endpoints TEXT;
