DROP TABLE studio_jobs;
