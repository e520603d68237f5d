-- A project's files (issue 19 part 5): what the client and the agency share on a project,
-- kept in the database with their row (10 MB at most each), so they are backed up, removed
-- and isolated with their project.
CREATE TABLE project_files (
    id UUID PRIMARY KEY,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    uploaded_by UUID REFERENCES users (id) ON DELETE SET NULL,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    content_type TEXT NOT NULL CHECK (length(content_type) <= 120),
    size_bytes INTEGER NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
    content BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX project_files_project_idx ON project_files (project_id, created_at DESC);

-- The activity feed reads these writes too.
DROP INDEX audit_log_project_work_idx;
CREATE INDEX audit_log_project_work_idx ON audit_log (id DESC)
    WHERE subject_type IN ('project', 'task', 'milestone', 'project_comment', 'data_source',
                           'report', 'ai_integration', 'project_file');
