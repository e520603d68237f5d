DROP INDEX audit_log_project_work_idx;
CREATE INDEX audit_log_project_work_idx ON audit_log (id DESC)
    WHERE subject_type IN ('project', 'task', 'milestone', 'project_comment');
DROP TABLE budget_snapshots;
DROP TABLE ai_integrations;
DROP TABLE report_files;
DROP TABLE reports;
DROP TABLE data_sources;
