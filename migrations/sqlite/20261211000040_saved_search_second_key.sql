-- A second key for each saved search (`db::alerts::reverse_search`).
--
-- A newly published listing is looked up under its words: every saved search filed under one of
-- them was read and checked, about 21,800 at scale 10 with 100,000 saved searches, of which about
-- 4,900 fit. A search's every word (or its synonym set's) is among a fitting listing's keys, so
-- the second key — its next longest word, else its sector, else its kind; empty when it has
-- nothing more — must be among them too, and the database drops most candidates from the index
-- alone. NULL until the start-up pass has worked it out from the stored query.
ALTER TABLE saved_searches ADD COLUMN second_key TEXT;
DROP INDEX saved_searches_key;
CREATE INDEX saved_searches_keys ON saved_searches (match_key, second_key) WHERE paused_at IS NULL;
