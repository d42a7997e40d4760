-- How many times each listing's page was viewed (postgres). Views are counted in memory and added
-- here in batches, so a page view is not a write.
ALTER TABLE listings ADD COLUMN view_count BIGINT NOT NULL DEFAULT 0;
