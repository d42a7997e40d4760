-- Page views per day (days since 1970-01-01, Vietnam time), for the visits chart of the
-- statistics; site_counters keeps the running total as before.
CREATE TABLE site_visits_daily (
    day   INTEGER PRIMARY KEY,
    views INTEGER NOT NULL
);

-- Views of each listing per day, for a stall's own figures.
CREATE TABLE listing_views_daily (
    listing_id INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    day        INTEGER NOT NULL,
    views      INTEGER NOT NULL,
    PRIMARY KEY (listing_id, day)
);

-- Catalogue searches that found nothing, by their words only (lower case; no member, no address),
-- counted per day: what buyers look for and no one offers.
CREATE TABLE search_misses (
    words TEXT NOT NULL,
    day   INTEGER NOT NULL,
    times INTEGER NOT NULL,
    PRIMARY KEY (words, day)
);
CREATE INDEX search_misses_day ON search_misses (day);
