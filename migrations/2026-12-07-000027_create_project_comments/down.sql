DROP INDEX audit_log_project_work_idx;
DROP TABLE project_comments;
