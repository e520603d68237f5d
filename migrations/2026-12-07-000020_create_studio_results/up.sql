-- A styling job's result, as its owner keeps it in the gallery: favourite, their 1-5 rating,
-- how often it was downloaded, and whether it is shown in the public showcase. The showcase
-- needs the owner to publish it and staff to approve it; the owner may withdraw it at any time
-- (back to private). One result per job, sharing the job's id; deleting the result deletes its
-- picture (the media row, and the files with it, in the application).
CREATE TABLE studio_results (
    id                UUID PRIMARY KEY REFERENCES studio_jobs (id) ON DELETE CASCADE,
    owner_id          UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    media_id          UUID NOT NULL UNIQUE REFERENCES media (id) ON DELETE CASCADE,
    style_id          BIGINT REFERENCES styles (id) ON DELETE SET NULL,
    favorite          BOOLEAN NOT NULL DEFAULT false,
    rating            SMALLINT CHECK (rating BETWEEN 1 AND 5),
    downloads         INT NOT NULL DEFAULT 0 CHECK (downloads >= 0),
    showcase          TEXT NOT NULL DEFAULT 'private'
                      CHECK (showcase IN ('private', 'submitted', 'approved')),
    showcase_title    TEXT NOT NULL DEFAULT '' CHECK (char_length(showcase_title) <= 80),
    submitted_at      TIMESTAMPTZ,
    approved_at       TIMESTAMPTZ,
    approved_by       UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (showcase <> 'approved' OR approved_at IS NOT NULL)
);
CREATE INDEX studio_results_owner_idx ON studio_results (owner_id, created_at DESC);
CREATE INDEX studio_results_showcase_idx ON studio_results (showcase, approved_at DESC)
    WHERE showcase <> 'private';

-- Results of jobs done before this table existed.
INSERT INTO studio_results (id, owner_id, media_id, style_id, created_at)
SELECT id, owner_id, result_media_id, style_id, coalesce(finished_at, created_at)
FROM studio_jobs
WHERE status = 'done' AND result_media_id IS NOT NULL;
