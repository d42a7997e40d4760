-- The catalogue's search version: raised whenever a change can alter what a search finds or its
-- order (a listing published or leaving publication, or a published listing's words, filters or
-- date changed). The server remembers search results for the version it read them at, so a
-- result is never served once the catalogue it came from has changed.
INSERT INTO site_counters (name, value) VALUES ('search_version', 0);

CREATE TRIGGER listings_search_version_insert AFTER INSERT ON listings
WHEN new.status = 'published' BEGIN
    UPDATE site_counters SET value = value + 1 WHERE name = 'search_version';
END;

CREATE TRIGGER listings_search_version_delete AFTER DELETE ON listings
WHEN old.status = 'published' BEGIN
    UPDATE site_counters SET value = value + 1 WHERE name = 'search_version';
END;

CREATE TRIGGER listings_search_version_update AFTER UPDATE OF
    status, kind, listing_type, stall_id, title, sector_code, province_code, price_vnd,
    budget_max_vnd, trl, image_count, created_at, fold_title, fold_body
ON listings
WHEN old.status = 'published' OR new.status = 'published' BEGIN
    UPDATE site_counters SET value = value + 1 WHERE name = 'search_version';
END;
