-- How many styling jobs each style ran in the last 7 days, recounted every 30 minutes by the
-- `count_style_popularity` job: what the style catalog's "popular" sort reads, so a listing
-- never counts jobs itself.
ALTER TABLE styles ADD COLUMN recent_uses BIGINT NOT NULL DEFAULT 0 CHECK (recent_uses >= 0);
CREATE INDEX studio_jobs_created_idx ON studio_jobs (created_at);
