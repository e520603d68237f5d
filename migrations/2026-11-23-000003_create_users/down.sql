DROP INDEX sessions_user_id_idx;
DROP TABLE users;
