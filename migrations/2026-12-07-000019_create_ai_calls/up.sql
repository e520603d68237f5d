-- Every call Daydream makes to an outside AI service (OpenAI's image and moderation endpoints):
-- which endpoint and model, the HTTP status (none when the service was not reached), how long
-- it took, the error, and the studio job it was for. Staff read it in the admin; old rows are
-- pruned by a periodic job.
CREATE TABLE ai_calls (
    id         BIGSERIAL PRIMARY KEY,
    endpoint   TEXT NOT NULL CHECK (char_length(endpoint) <= 100),
    model      TEXT NOT NULL CHECK (char_length(model) <= 100),
    status     INT,
    latency_ms INT NOT NULL CHECK (latency_ms >= 0),
    error      TEXT CHECK (char_length(error) <= 2000),
    job_id     UUID REFERENCES studio_jobs (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ai_calls_created_idx ON ai_calls (created_at DESC);
CREATE INDEX ai_calls_job_idx ON ai_calls (job_id) WHERE job_id IS NOT NULL;
