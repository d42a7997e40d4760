-- Which listings each raise of the search version changed (`db::search_index`).
--
-- Every server process keeps the published catalogue's words and filters in memory and answers
-- searches and matches from there. When the search version moves, a process reads only the
-- listings of the versions it has not seen yet from this log, instead of the whole catalogue again.
-- The version is still raised once per transaction, at its commit (migration 18): the counter's
-- row stays locked until the commit, so transactions commit in the order of their versions, and a
-- process that read version V finds every change up to V in the log. The triggers now also watch
-- what a search's score and copy folding read (who posted it, the summary, the lower end of a
-- budget), and a stall's status (an approved stall counts in the score) moves the version for
-- its published listings.
CREATE TABLE search_changes (
    version    BIGINT NOT NULL,
    listing_id BIGINT NOT NULL
);
CREATE INDEX search_changes_by_version ON search_changes (version);

-- This database's own number, so a process that opens several databases keeps their catalogues
-- apart.
INSERT INTO site_counters (name, value)
    VALUES ('search_catalogue', (random() * 9.0e15)::BIGINT);
-- The log holds every change from this version on; a process that read the catalogue at an
-- older version reads it whole again. Older rows are removed as the log grows.
INSERT INTO site_counters (name, value)
    SELECT 'search_changes_from', value + 1 FROM site_counters WHERE name = 'search_version';

-- The search version this transaction raises, raising it on first use.
CREATE FUNCTION search_version_of_transaction() RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    raised BIGINT;
BEGIN
    IF current_setting('techx.search_version_raised', true) IS DISTINCT FROM 'yes' THEN
        UPDATE site_counters SET value = value + 1 WHERE name = 'search_version'
            RETURNING value INTO raised;
        PERFORM set_config('techx.search_version_raised', 'yes', true);
        PERFORM set_config('techx.search_version_value', raised::TEXT, true);
        RETURN raised;
    END IF;
    RETURN current_setting('techx.search_version_value')::BIGINT;
END
$$;

CREATE OR REPLACE FUNCTION raise_search_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_version_of_transaction();
    RETURN NULL;
END
$$;

CREATE FUNCTION log_search_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_changes (version, listing_id)
        VALUES (search_version_of_transaction(),
                CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
    RETURN NULL;
END
$$;

CREATE FUNCTION log_stall_search_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM listings WHERE stall_id = NEW.id AND status = 'published') THEN
        INSERT INTO search_changes (version, listing_id)
            SELECT search_version_of_transaction(), id FROM listings
            WHERE stall_id = NEW.id AND status = 'published';
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER listings_search_version_insert ON listings;
DROP TRIGGER listings_search_version_delete ON listings;
DROP TRIGGER listings_search_version_update ON listings;

CREATE CONSTRAINT TRIGGER listings_search_version_insert AFTER INSERT ON listings
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (NEW.status = 'published') EXECUTE FUNCTION log_search_change();

CREATE CONSTRAINT TRIGGER listings_search_version_delete AFTER DELETE ON listings
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD.status = 'published') EXECUTE FUNCTION log_search_change();

CREATE CONSTRAINT TRIGGER listings_search_version_update AFTER UPDATE OF
    status, kind, listing_type, stall_id, owner_id, seller_name, title, summary, sector_code,
    province_code, price_vnd, budget_min_vnd, budget_max_vnd, trl, image_count, created_at,
    fold_title, fold_body
ON listings
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD.status = 'published' OR NEW.status = 'published') EXECUTE FUNCTION log_search_change();

CREATE CONSTRAINT TRIGGER stalls_search_version_status AFTER UPDATE OF status ON stalls
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION log_stall_search_change();
