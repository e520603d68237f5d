-- Browser sessions (tower-sessions records), shared by every server instance.
CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    data        JSONB NOT NULL DEFAULT '{}'::jsonb,
    expiry_date TIMESTAMPTZ NOT NULL
);

CREATE INDEX sessions_expiry_date_idx ON sessions (expiry_date);
