-- A project's nested resources (issue 19 part 3): the data sources the agency connects, the
-- reports a periodic job generates (each generated file kept: an HTML summary and a CSV of
-- tasks and budget), the AI integration's figures (its error rate computed from its counts,
-- never typed), and a budget snapshot per day the budget or spending changed, which the
-- budget-burn chart reads.
CREATE TABLE data_sources (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    kind TEXT NOT NULL CHECK (kind IN ('postgres', 'mysql', 'bigquery', 'snowflake', 'rest_api',
                                       'csv', 's3', 'salesforce')),
    status TEXT NOT NULL DEFAULT 'disconnected'
        CHECK (status IN ('connected', 'syncing', 'error', 'disconnected')),
    last_sync_at TIMESTAMPTZ,
    record_count BIGINT NOT NULL DEFAULT 0 CHECK (record_count >= 0),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX data_sources_project_idx ON data_sources (project_id, name);

CREATE TABLE reports (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    paused BOOLEAN NOT NULL DEFAULT false,
    next_run_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX reports_project_idx ON reports (project_id, name);
-- The periodic job's question: which reports are due?
CREATE INDEX reports_due_idx ON reports (next_run_at) WHERE NOT paused;

CREATE TABLE report_files (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    report_id UUID NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    generated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    html TEXT NOT NULL,
    csv TEXT NOT NULL,
    -- Who the link was mailed to (a count; the mails themselves are in the outbox).
    mailed_to INTEGER NOT NULL DEFAULT 0 CHECK (mailed_to >= 0)
);
CREATE INDEX report_files_report_idx ON report_files (report_id, generated_at DESC);

CREATE TABLE ai_integrations (
    project_id UUID PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    enabled BOOLEAN NOT NULL DEFAULT false,
    features TEXT[] NOT NULL DEFAULT '{}',
    models TEXT[] NOT NULL DEFAULT '{}',
    documents_indexed INTEGER NOT NULL DEFAULT 0 CHECK (documents_indexed >= 0),
    last_refresh_at TIMESTAMPTZ,
    -- The last 30 days' calls and failed calls: the error rate is their ratio.
    requests_30d BIGINT NOT NULL DEFAULT 0 CHECK (requests_30d >= 0),
    errors_30d BIGINT NOT NULL DEFAULT 0 CHECK (errors_30d >= 0 AND errors_30d <= requests_30d),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE budget_snapshots (
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    taken_on DATE NOT NULL,
    budget_cents BIGINT NOT NULL CHECK (budget_cents >= 0),
    spent_cents BIGINT NOT NULL CHECK (spent_cents >= 0),
    PRIMARY KEY (project_id, taken_on)
);

-- Every project starts its history with what it has now.
INSERT INTO budget_snapshots (project_id, taken_on, budget_cents, spent_cents)
SELECT id, current_date, budget_cents, spent_cents FROM projects;

-- The activity feed reads these writes too.
DROP INDEX audit_log_project_work_idx;
CREATE INDEX audit_log_project_work_idx ON audit_log (id DESC)
    WHERE subject_type IN ('project', 'task', 'milestone', 'project_comment', 'data_source',
                           'report', 'ai_integration');
