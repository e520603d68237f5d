-- The durable background job queue and the schedule of periodic jobs.
CREATE TABLE jobs (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT NOT NULL,
    queue        TEXT NOT NULL DEFAULT 'default',
    payload      JSONB NOT NULL DEFAULT '{}'::jsonb,
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'running', 'done', 'dead')),
    attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
    run_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    locked_by    TEXT,
    locked_until TIMESTAMPTZ,
    last_error   TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ
);

-- What a worker scans when it claims: pending jobs that are due, per queue.
CREATE INDEX jobs_claimable_idx ON jobs (queue, run_at) WHERE status = 'pending';
-- Running jobs whose lease may have expired (a worker that died).
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE status = 'running';
-- The admin job monitor filters by status and name.
CREATE INDEX jobs_status_name_idx ON jobs (status, name, created_at DESC);

CREATE TABLE periodic_jobs (
    name             TEXT PRIMARY KEY,
    interval_seconds INTEGER NOT NULL CHECK (interval_seconds > 0),
    next_run_at      TIMESTAMPTZ NOT NULL,
    last_enqueued_at TIMESTAMPTZ
);
