-- How many in-between pictures (partial images streamed by OpenAI) the job's current run has
-- shown; the latest is kept beside the job (a file, not a media row) until the job ends.
ALTER TABLE studio_jobs ADD COLUMN partials integer NOT NULL DEFAULT 0 CHECK (partials >= 0);
