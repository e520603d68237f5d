-- A studio user's photos (private media with a title and tags) and the per-day usage counters
-- that the plans' daily limits are checked against atomically (uploads now, styling jobs later).
CREATE TABLE studio_images (
    id         UUID PRIMARY KEY,
    owner_id   UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    media_id   UUID NOT NULL UNIQUE REFERENCES media (id) ON DELETE CASCADE,
    title      TEXT NOT NULL DEFAULT '' CHECK (char_length(title) <= 120),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX studio_images_owner_idx ON studio_images (owner_id, created_at DESC);

CREATE TABLE studio_image_tags (
    image_id UUID NOT NULL REFERENCES studio_images (id) ON DELETE CASCADE,
    tag      TEXT NOT NULL CHECK (tag ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(tag) <= 32),
    PRIMARY KEY (image_id, tag)
);

CREATE TABLE studio_usage (
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day     DATE NOT NULL,
    uploads INT NOT NULL DEFAULT 0 CHECK (uploads >= 0),
    jobs    INT NOT NULL DEFAULT 0 CHECK (jobs >= 0),
    PRIMARY KEY (user_id, day)
);
