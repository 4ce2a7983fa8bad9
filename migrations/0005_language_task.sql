-- Whisper's language and task per job: 'auto' = detect; translate = 1 turns speech in any
-- language into English text. Existing jobs were transcribed with language detection.
ALTER TABLE transcription_jobs ADD COLUMN language TEXT NOT NULL DEFAULT 'auto';
ALTER TABLE transcription_jobs ADD COLUMN translate INTEGER NOT NULL DEFAULT 0 CHECK (translate IN (0, 1));
