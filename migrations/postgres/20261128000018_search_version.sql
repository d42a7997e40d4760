-- The catalogue's search version: raised whenever a change can alter what a search finds or its
-- order (a listing published or leaving publication, or a published listing's words, filters or
-- date changed). The server remembers search results for the version it read them at, so a
-- result is never served once the catalogue it came from has changed — also by another server
-- process on the same database.
--
-- Raised once per transaction, at its commit (deferred constraint triggers): the counter's row is
-- locked last and only for the commit, so writers of different listings never wait on each other
-- for long and cannot deadlock over it, and a transaction changing many listings raises it once.
INSERT INTO site_counters (name, value) VALUES ('search_version', 0);

CREATE FUNCTION raise_search_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('techx.search_version_raised', true) IS DISTINCT FROM 'yes' THEN
        UPDATE site_counters SET value = value + 1 WHERE name = 'search_version';
        PERFORM set_config('techx.search_version_raised', 'yes', true);
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER listings_search_version_insert AFTER INSERT ON listings
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (NEW.status = 'published') EXECUTE FUNCTION raise_search_version();

CREATE CONSTRAINT TRIGGER listings_search_version_delete AFTER DELETE ON listings
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD.status = 'published') EXECUTE FUNCTION raise_search_version();

CREATE CONSTRAINT TRIGGER listings_search_version_update AFTER UPDATE OF
    status, kind, listing_type, stall_id, title, sector_code, province_code, price_vnd,
    budget_max_vnd, trl, image_count, created_at, fold_title, fold_body
ON listings
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD.status = 'published' OR NEW.status = 'published') EXECUTE FUNCTION raise_search_version();
