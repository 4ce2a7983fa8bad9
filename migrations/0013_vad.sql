-- Voice activity detection per job: which detector decides what is speech ('silero', 'energy'
-- or 'off') and which VAD model ('' = the installed default). Jobs from before had neither: they
-- sent every stretch to the engine, which is 'off'.
ALTER TABLE transcription_jobs ADD COLUMN vad TEXT NOT NULL DEFAULT 'off' CHECK (vad IN ('silero', 'energy', 'off'));
ALTER TABLE transcription_jobs ADD COLUMN vad_model TEXT NOT NULL DEFAULT '';
