-- A job recorded live (microphone, capture device, stream): its input is the WAV the host appends
-- to as audio arrives. 'live' while the host records it (status stays 'processing', so it is
-- tracked, heartbeated, stopped and reaped like every job), 'ended' once the recording stopped,
-- 'recovered' when a file a crash left was repaired at the next start. NULL for a dropped file.
ALTER TABLE transcription_jobs ADD COLUMN recording TEXT
  CHECK (recording IS NULL OR recording IN ('live', 'ended', 'recovered'));
