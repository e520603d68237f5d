DROP INDEX studio_jobs_created_idx;
ALTER TABLE styles DROP COLUMN recent_uses;
