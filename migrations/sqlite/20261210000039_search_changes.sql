-- Which listings each raise of the search version changed (`db::search_index`).
--
-- Every server process keeps the published catalogue's words and filters in memory and answers
-- searches and matches from there. When the search version moves, a process reads only the
-- listings of the versions it has not seen yet from this log, instead of the whole catalogue again.
-- The triggers of migration 18 are replaced by ones that raise the version and log the listing in
-- the same step; they also watch what a search's score and copy folding read (who posted it, the
-- summary, the lower end of a budget), and a stall's status (an approved stall counts in the
-- score) now moves the version for its published listings.
CREATE TABLE search_changes (
    version    INTEGER NOT NULL,
    listing_id INTEGER NOT NULL
);
CREATE INDEX search_changes_by_version ON search_changes (version);

-- This database's own number, so a process that opens several databases keeps their catalogues
-- apart.
INSERT INTO site_counters (name, value) VALUES ('search_catalogue', random());
-- The log holds every change from this version on; a process that read the catalogue at an
-- older version reads it whole again. Older rows are removed as the log grows.
INSERT INTO site_counters (name, value)
    SELECT 'search_changes_from', value + 1 FROM site_counters WHERE name = 'search_version';

DROP TRIGGER listings_search_version_insert;
DROP TRIGGER listings_search_version_delete;
DROP TRIGGER listings_search_version_update;

CREATE TRIGGER listings_search_version_insert AFTER INSERT ON listings
WHEN new.status = 'published' BEGIN
    UPDATE site_counters SET value = value + 1 WHERE name = 'search_version';
    INSERT INTO search_changes (version, listing_id)
        SELECT value, new.id FROM site_counters WHERE name = 'search_version';
END;

CREATE TRIGGER listings_search_version_delete AFTER DELETE ON listings
WHEN old.status = 'published' BEGIN
    UPDATE site_counters SET value = value + 1 WHERE name = 'search_version';
    INSERT INTO search_changes (version, listing_id)
        SELECT value, old.id FROM site_counters WHERE name = 'search_version';
END;

CREATE TRIGGER listings_search_version_update AFTER UPDATE OF
    status, kind, listing_type, stall_id, owner_id, seller_name, title, summary, sector_code,
    province_code, price_vnd, budget_min_vnd, budget_max_vnd, trl, image_count, created_at,
    fold_title, fold_body
ON listings
WHEN old.status = 'published' OR new.status = 'published' BEGIN
    UPDATE site_counters SET value = value + 1 WHERE name = 'search_version';
    INSERT INTO search_changes (version, listing_id)
        SELECT value, new.id FROM site_counters WHERE name = 'search_version';
END;

CREATE TRIGGER stalls_search_version_status AFTER UPDATE OF status ON stalls
WHEN old.status IS NOT new.status
    AND EXISTS (SELECT 1 FROM listings WHERE stall_id = new.id AND status = 'published')
BEGIN
    UPDATE site_counters SET value = value + 1 WHERE name = 'search_version';
    INSERT INTO search_changes (version, listing_id)
        SELECT c.value, l.id FROM listings l, site_counters c
        WHERE c.name = 'search_version' AND l.stall_id = new.id AND l.status = 'published';
END;
