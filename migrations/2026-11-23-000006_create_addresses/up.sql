-- Saved postal addresses of a user (shipping and billing at checkout); at most one default.
CREATE TABLE addresses (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    full_name   TEXT NOT NULL,
    line1       TEXT NOT NULL,
    line2       TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL,
    region      TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL,
    country     TEXT NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    phone       TEXT NOT NULL DEFAULT '',
    is_default  BOOLEAN NOT NULL DEFAULT false,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX addresses_user_id_idx ON addresses (user_id, created_at);
-- One default address per user, enforced by the database.
CREATE UNIQUE INDEX addresses_one_default_per_user ON addresses (user_id) WHERE is_default;
SELECT diesel_manage_updated_at('addresses');
