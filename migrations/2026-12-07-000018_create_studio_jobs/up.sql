-- Styling jobs: one durable row per request (style a photo, edit it with a prompt, generate from
-- a prompt), moved through a checked state machine by the job queue's worker. The row records
-- what was asked (engine, prompt, image parameters), where it is (status and stage), why it
-- ended badly (error), the result (private media of the owner), and the UTC day whose quota it
-- took, so a refund gives back exactly what was taken, once. A client's idempotency key makes a
-- double click or a refresh one job.
CREATE TABLE studio_jobs (
    id               UUID PRIMARY KEY,
    owner_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('style', 'edit', 'generate')),
    image_id         UUID REFERENCES studio_images (id) ON DELETE SET NULL,
    style_id         BIGINT REFERENCES styles (id) ON DELETE SET NULL,
    engine           TEXT NOT NULL CHECK (engine IN ('openai', 'local')),
    prompt           TEXT NOT NULL DEFAULT '' CHECK (char_length(prompt) <= 4000),
    quality          TEXT NOT NULL DEFAULT 'medium' CHECK (quality IN ('low', 'medium', 'high', 'auto')),
    background       TEXT NOT NULL DEFAULT 'auto' CHECK (background IN ('auto', 'opaque', 'transparent')),
    output_format    TEXT NOT NULL DEFAULT 'png' CHECK (output_format IN ('png', 'jpeg', 'webp')),
    size             TEXT NOT NULL DEFAULT '1024x1024' CHECK (size IN ('auto', '1024x1024', '1024x1536', '1536x1024')),
    status           TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled', 'refused')),
    stage            TEXT NOT NULL DEFAULT 'queued'
                     CHECK (stage IN ('queued', 'moderating', 'styling', 'saving', 'finished')),
    cancel_requested BOOLEAN NOT NULL DEFAULT false,
    error            TEXT CHECK (char_length(error) <= 2000),
    result_media_id  UUID REFERENCES media (id) ON DELETE SET NULL,
    quota_day        DATE NOT NULL,
    quota_taken      BOOLEAN NOT NULL DEFAULT true,
    idempotency_key  UUID NOT NULL,
    runs             INT NOT NULL DEFAULT 0 CHECK (runs >= 0),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (owner_id, idempotency_key),
    CHECK (status <> 'done' OR result_media_id IS NOT NULL OR finished_at IS NOT NULL)
);
SELECT diesel_manage_updated_at('studio_jobs');
CREATE INDEX studio_jobs_owner_idx ON studio_jobs (owner_id, created_at DESC);
CREATE INDEX studio_jobs_status_idx ON studio_jobs (status, created_at DESC);
CREATE INDEX studio_jobs_style_recent_idx ON studio_jobs (style_id, created_at DESC);
