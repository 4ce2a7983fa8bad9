-- A job's speaker options in its row, like its other options, so a resumed, retried or
-- re-adopted job finds speakers the way it was asked to (before, they travelled with its place in
-- the queue and a job resumed by a later host lost them). speakers: 'off', 'auto' or a count;
-- speaker_threshold NULL = the clustering default; a model '' = the installed one. Jobs from
-- before had no speakers.
ALTER TABLE transcription_jobs ADD COLUMN speakers TEXT NOT NULL DEFAULT 'off';
ALTER TABLE transcription_jobs ADD COLUMN speaker_threshold REAL;
ALTER TABLE transcription_jobs ADD COLUMN segmentation_model TEXT NOT NULL DEFAULT '';
ALTER TABLE transcription_jobs ADD COLUMN embedding_model TEXT NOT NULL DEFAULT '';
