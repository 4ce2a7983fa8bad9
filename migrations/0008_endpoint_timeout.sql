-- Seconds one request to a saved endpoint may take (upload to last byte); NULL = the job's
-- default. A slow GPU box with long chunks needs more than the default, a fast one less.
ALTER TABLE endpoints ADD COLUMN timeout_seconds INTEGER
  CHECK (timeout_seconds IS NULL OR timeout_seconds BETWEEN 1 AND 86400);
