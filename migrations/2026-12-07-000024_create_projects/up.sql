-- The client project dashboard (issue 19): client companies are tenants; a user belongs to at
-- most one client, as a viewer or an admin; a client admin invites colleagues by a link whose
-- token is kept only as its hash. Projects belong to one client; their progress, task counts,
-- overdue and "budget at risk" flags are computed from their tasks and milestones, never typed.
CREATE TABLE clients (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    slug TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    logo_media_id UUID REFERENCES media (id) ON DELETE SET NULL,
    contact_name TEXT NOT NULL DEFAULT '' CHECK (length(contact_name) <= 120),
    contact_email TEXT NOT NULL DEFAULT '' CHECK (length(contact_email) <= 254),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE client_members (
    user_id UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    client_id UUID NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('client_viewer', 'client_admin')),
    added_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX client_members_client_idx ON client_members (client_id);

CREATE TABLE client_invitations (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    client_id UUID NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    role TEXT NOT NULL CHECK (role IN ('client_viewer', 'client_admin')),
    token_hash BYTEA NOT NULL UNIQUE,
    invited_by UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ,
    accepted_by UUID REFERENCES users (id) ON DELETE SET NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX client_invitations_client_idx ON client_invitations (client_id, created_at DESC);

CREATE TABLE projects (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    client_id UUID NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    slug TEXT NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    scope_md TEXT NOT NULL DEFAULT '' CHECK (length(scope_md) <= 50000),
    status TEXT NOT NULL DEFAULT 'planning'
        CHECK (status IN ('planning', 'active', 'on_hold', 'review', 'completed')),
    priority TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    start_on DATE,
    due_on DATE,
    budget_cents BIGINT NOT NULL DEFAULT 0 CHECK (budget_cents >= 0),
    spent_cents BIGINT NOT NULL DEFAULT 0 CHECK (spent_cents >= 0),
    currency TEXT NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    agency_lead_id UUID REFERENCES users (id) ON DELETE SET NULL,
    client_lead_id UUID REFERENCES users (id) ON DELETE SET NULL,
    tags TEXT[] NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (client_id, slug),
    CHECK (start_on IS NULL OR due_on IS NULL OR due_on >= start_on)
);
CREATE INDEX projects_client_status_idx ON projects (client_id, status);

CREATE TABLE project_members (
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (length(role) BETWEEN 1 AND 60),
    PRIMARY KEY (project_id, user_id)
);

CREATE TABLE milestones (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
    due_on DATE,
    done_at TIMESTAMPTZ,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (project_id, id)
);

CREATE TABLE tasks (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    milestone_id UUID,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done')),
    assignee_id UUID REFERENCES users (id) ON DELETE SET NULL,
    due_on DATE,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    done_at TIMESTAMPTZ,
    -- A task's milestone is one of its own project's.
    FOREIGN KEY (project_id, milestone_id) REFERENCES milestones (project_id, id)
        ON DELETE SET NULL (milestone_id)
);
CREATE INDEX tasks_project_status_idx ON tasks (project_id, status);
