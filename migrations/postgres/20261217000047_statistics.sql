-- Page views per day (days since 1970-01-01, Vietnam time), for the visits chart of the
-- statistics; site_counters keeps the running total as before.
CREATE TABLE site_visits_daily (
    day   BIGINT PRIMARY KEY,
    views BIGINT NOT NULL
);

-- Views of each listing per day, for a stall's own figures.
CREATE TABLE listing_views_daily (
    listing_id BIGINT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    day        BIGINT NOT NULL,
    views      BIGINT NOT NULL,
    PRIMARY KEY (listing_id, day)
);

-- Catalogue searches that found nothing, by their words only (lower case; no member, no address),
-- counted per day: what buyers look for and no one offers.
CREATE TABLE search_misses (
    words TEXT NOT NULL,
    day   BIGINT NOT NULL,
    times BIGINT NOT NULL,
    PRIMARY KEY (words, day)
);
CREATE INDEX search_misses_day ON search_misses (day);
