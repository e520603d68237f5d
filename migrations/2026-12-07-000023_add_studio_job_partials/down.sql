ALTER TABLE studio_jobs DROP COLUMN partials;
