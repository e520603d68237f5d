-- The studio's style catalog: categories, styles (a local recipe or an OpenAI prompt template,
-- with default image parameters), before/after examples, per-user favourites and 1–5 ratings
-- (one per user; the sum and count are kept on the style so the average is one division), and
-- a usage count.
CREATE TABLE style_categories (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
    slug       TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    icon       TEXT NOT NULL DEFAULT '' CHECK (char_length(icon) <= 8),
    colour     TEXT NOT NULL DEFAULT '#4f46e5' CHECK (colour ~ '^#[0-9a-f]{6}$'),
    position   INT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
SELECT diesel_manage_updated_at('style_categories');

CREATE TABLE styles (
    id                    BIGSERIAL PRIMARY KEY,
    category_id           BIGINT NOT NULL REFERENCES style_categories (id) ON DELETE RESTRICT,
    name                  TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
    slug                  TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description           TEXT NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
    engine                TEXT NOT NULL CHECK (engine IN ('openai', 'local')),
    local_recipe          JSONB,
    prompt_template       TEXT NOT NULL DEFAULT '' CHECK (char_length(prompt_template) <= 4000),
    quality               TEXT NOT NULL DEFAULT 'medium' CHECK (quality IN ('low', 'medium', 'high', 'auto')),
    background            TEXT NOT NULL DEFAULT 'auto' CHECK (background IN ('auto', 'opaque', 'transparent')),
    output_format         TEXT NOT NULL DEFAULT 'png' CHECK (output_format IN ('png', 'jpeg', 'webp')),
    size                  TEXT NOT NULL DEFAULT '1024x1024' CHECK (size IN ('auto', '1024x1024', '1024x1536', '1536x1024')),
    supports_transparency BOOLEAN NOT NULL DEFAULT false,
    premium               BOOLEAN NOT NULL DEFAULT false,
    active                BOOLEAN NOT NULL DEFAULT true,
    usage_count           BIGINT NOT NULL DEFAULT 0 CHECK (usage_count >= 0),
    rating_sum            BIGINT NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
    rating_count          INT NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (engine <> 'local' OR local_recipe IS NOT NULL),
    CHECK (engine <> 'openai' OR prompt_template <> ''),
    CHECK (background <> 'transparent' OR supports_transparency)
);
SELECT diesel_manage_updated_at('styles');
CREATE INDEX styles_category_idx ON styles (category_id) WHERE active;
CREATE INDEX styles_new_idx ON styles (created_at DESC) WHERE active;

CREATE TABLE style_examples (
    id              BIGSERIAL PRIMARY KEY,
    style_id        BIGINT NOT NULL REFERENCES styles (id) ON DELETE CASCADE,
    before_media_id UUID NOT NULL REFERENCES media (id) ON DELETE RESTRICT,
    after_media_id  UUID NOT NULL REFERENCES media (id) ON DELETE RESTRICT,
    caption         TEXT NOT NULL DEFAULT '' CHECK (char_length(caption) <= 200),
    position        INT NOT NULL DEFAULT 0
);
CREATE INDEX style_examples_style_idx ON style_examples (style_id, position);

CREATE TABLE style_favorites (
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    style_id   BIGINT NOT NULL REFERENCES styles (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, style_id)
);

CREATE TABLE style_ratings (
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    style_id   BIGINT NOT NULL REFERENCES styles (id) ON DELETE CASCADE,
    stars      SMALLINT NOT NULL CHECK (stars BETWEEN 1 AND 5),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, style_id)
);
SELECT diesel_manage_updated_at('style_ratings');
