-- CSV imports of the catalog: checked first (a dry run keeps the plan and every row's errors),
-- then applied by a job that reports its progress here.
CREATE TABLE catalog_imports (
    id          UUID PRIMARY KEY,
    status      TEXT NOT NULL DEFAULT 'checked'
                CHECK (status IN ('checked', 'queued', 'running', 'done', 'failed')),
    file_name   TEXT NOT NULL DEFAULT '',
    -- The products to write (JSON), when the file had no errors.
    plan        JSONB NOT NULL DEFAULT '[]'::jsonb,
    -- [{"line": 3, "field": "price", "message": "..."}]
    errors      JSONB NOT NULL DEFAULT '[]'::jsonb,
    rows        INT NOT NULL DEFAULT 0 CHECK (rows >= 0),
    total       INT NOT NULL DEFAULT 0 CHECK (total >= 0),
    done        INT NOT NULL DEFAULT 0 CHECK (done >= 0),
    created     INT NOT NULL DEFAULT 0 CHECK (created >= 0),
    updated     INT NOT NULL DEFAULT 0 CHECK (updated >= 0),
    last_error  TEXT,
    created_by  UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
SELECT diesel_manage_updated_at('catalog_imports');
