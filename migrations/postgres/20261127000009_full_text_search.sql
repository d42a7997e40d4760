-- Full-text search over listings (PostgreSQL).
--
-- The server folds text before storing it (lowercase, Vietnamese diacritics removed, đ → d, words
-- split at anything but letters and digits), so both engines index exactly the same words; here
-- the 'simple' configuration takes them as they are, title words weighing more than the rest.

ALTER TABLE listings ADD COLUMN fold_title TEXT NOT NULL DEFAULT '';
-- summary, description and the stall's name
ALTER TABLE listings ADD COLUMN fold_body TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', fold_title), 'A') || setweight(to_tsvector('simple', fold_body), 'B')
) STORED;

CREATE INDEX listings_search ON listings USING GIN (search_vector);
