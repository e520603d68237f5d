-- Comments on a client project (issue 19 part 5): the client's people and the agency talk on
-- a project in Markdown (rendered escaped). A deleted comment keeps its row (the thread reads
-- "deleted") and its audit entry.
CREATE TABLE project_comments (
    id UUID PRIMARY KEY,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    author_id UUID REFERENCES users (id) ON DELETE SET NULL,
    body_md TEXT NOT NULL CHECK (length(body_md) BETWEEN 1 AND 10000),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at TIMESTAMPTZ
);
CREATE INDEX project_comments_project_idx ON project_comments (project_id, created_at);

-- The activity feed reads the project work's audit entries newest first.
CREATE INDEX audit_log_project_work_idx ON audit_log (id DESC)
    WHERE subject_type IN ('project', 'task', 'milestone', 'project_comment');
