DROP TABLE periodic_jobs;
DROP TABLE jobs;
