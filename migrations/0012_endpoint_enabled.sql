-- An endpoint can be switched off without being removed (Settings → Endpoints): a disabled one
-- keeps its URL, model, timeout and key, and no new job sends it chunks.
ALTER TABLE endpoints ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1));
