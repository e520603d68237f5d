DROP TABLE studio_results;
