-- Listings whose words are not folded yet (stored before search existed) are looked for at every
-- start (`search::index_missing`). Without an index that read the whole listings table: 320 ms
-- at scale 10 on PostgreSQL, while the first requests waited. Once indexed, listings leave this
-- index, so it stays empty.
CREATE INDEX listings_unindexed ON listings (id) WHERE fold_title = '';
