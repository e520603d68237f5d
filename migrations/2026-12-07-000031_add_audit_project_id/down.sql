DROP INDEX audit_log_project_idx;
DROP INDEX audit_log_project_work_idx;
ALTER TABLE audit_log DROP COLUMN project_id;
CREATE INDEX audit_log_project_work_idx ON audit_log (id DESC)
    WHERE subject_type IN ('project', 'task', 'milestone', 'project_comment', 'data_source',
                           'report', 'ai_integration', 'project_file');
