-- How many times each listing's page was viewed (sqlite). Views are counted in memory and added
-- here in batches, so a page view is not a write.
ALTER TABLE listings ADD COLUMN view_count INTEGER NOT NULL DEFAULT 0;
