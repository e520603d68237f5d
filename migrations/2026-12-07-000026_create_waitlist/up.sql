-- The waitlist (issue 19 part 8): a double opt-in list. An entry is confirmed by the link
-- mailed to its address (the token is kept only as its hash); staff invite the next confirmed
-- entries in batches, each batch a background run whose progress the admin page shows.
CREATE TABLE waitlist_entries (
    id UUID PRIMARY KEY,
    email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    first_name TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
    last_name TEXT NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
    company TEXT NOT NULL DEFAULT '' CHECK (length(company) <= 200),
    role TEXT NOT NULL DEFAULT '' CHECK (length(role) <= 100),
    interest TEXT NOT NULL CHECK (interest IN ('shop', 'studio', 'dashboard', 'everything')),
    confirm_token_hash BYTEA UNIQUE,
    confirm_sent_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    confirmed_at TIMESTAMPTZ,
    notified BOOLEAN NOT NULL DEFAULT false,
    notified_at TIMESTAMPTZ,
    invite_run_id UUID,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX waitlist_entries_email_idx ON waitlist_entries (lower(email));
-- "The next N": confirmed, not yet notified, first come first served.
CREATE INDEX waitlist_entries_queue_idx ON waitlist_entries (confirmed_at, id)
    WHERE confirmed_at IS NOT NULL AND NOT notified;

CREATE TABLE waitlist_invite_runs (
    id UUID PRIMARY KEY,
    requested INTEGER NOT NULL CHECK (requested BETWEEN 1 AND 10000),
    total INTEGER NOT NULL DEFAULT 0,
    sent INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'finished', 'failed')),
    error TEXT,
    started_by UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ
);
ALTER TABLE waitlist_entries
    ADD CONSTRAINT waitlist_entries_run_fk FOREIGN KEY (invite_run_id)
    REFERENCES waitlist_invite_runs (id) ON DELETE SET NULL;
