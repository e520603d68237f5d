DROP INDEX audit_log_project_work_idx;
CREATE INDEX audit_log_project_work_idx ON audit_log (id DESC)
    WHERE subject_type IN ('project', 'task', 'milestone', 'project_comment', 'data_source',
                           'report', 'ai_integration');
DROP TABLE project_files;
