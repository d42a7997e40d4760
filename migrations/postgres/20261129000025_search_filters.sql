-- The filters a search can narrow by, beside the words (PostgreSQL).
--
-- A search with words and a filter (kind, type, sector, province, price, TRL, pictures, stall)
-- joined every candidate from `listing_titles` or `listing_words` to its wide row in `listings`
-- (~2.3 KB, about three to a page) to test the filter: "gia cong co khi" from stalls read 78 ms
-- to sort its matches, a count of "lua gao" in Can Tho 29 ms. The columns a filter tests now sit
-- beside the vectors, so a search reads no listing row before its page's cards. `price` is what
-- the price filter compares: a request's budget gives its upper end.

ALTER TABLE listing_titles
    ADD COLUMN kind          TEXT,
    ADD COLUMN listing_type  TEXT,
    ADD COLUMN sector_code   TEXT,
    ADD COLUMN province_code TEXT,
    ADD COLUMN price         BIGINT,
    ADD COLUMN trl           BIGINT,
    ADD COLUMN image_count   BIGINT,
    ADD COLUMN stall_id      BIGINT;

ALTER TABLE listing_words
    ADD COLUMN kind          TEXT,
    ADD COLUMN listing_type  TEXT,
    ADD COLUMN sector_code   TEXT,
    ADD COLUMN province_code TEXT,
    ADD COLUMN price         BIGINT,
    ADD COLUMN trl           BIGINT,
    ADD COLUMN image_count   BIGINT,
    ADD COLUMN stall_id      BIGINT;

UPDATE listing_titles t
SET kind = l.kind, listing_type = l.listing_type, sector_code = l.sector_code,
    province_code = l.province_code, price = COALESCE(l.price_vnd, l.budget_max_vnd),
    trl = l.trl, image_count = l.image_count, stall_id = l.stall_id
FROM listings l WHERE l.id = t.id;

UPDATE listing_words w
SET kind = l.kind, listing_type = l.listing_type, sector_code = l.sector_code,
    province_code = l.province_code, price = COALESCE(l.price_vnd, l.budget_max_vnd),
    trl = l.trl, image_count = l.image_count, stall_id = l.stall_id
FROM listings l WHERE l.id = w.id;

-- A published listing's words are indexed again only when they change; a change to what the
-- filters test alone rewrites those columns.
CREATE OR REPLACE FUNCTION keep_published_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.status = 'published' AND NEW.status = 'published'
        AND OLD.fold_title = NEW.fold_title AND OLD.fold_body = NEW.fold_body THEN
        UPDATE listing_titles
        SET kind = NEW.kind, listing_type = NEW.listing_type, sector_code = NEW.sector_code,
            province_code = NEW.province_code,
            price = COALESCE(NEW.price_vnd, NEW.budget_max_vnd), trl = NEW.trl,
            image_count = NEW.image_count, stall_id = NEW.stall_id
        WHERE id = NEW.id;
        UPDATE listing_words
        SET kind = NEW.kind, listing_type = NEW.listing_type, sector_code = NEW.sector_code,
            province_code = NEW.province_code,
            price = COALESCE(NEW.price_vnd, NEW.budget_max_vnd), trl = NEW.trl,
            image_count = NEW.image_count, stall_id = NEW.stall_id
        WHERE id = NEW.id;
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM listing_titles WHERE id = OLD.id;
        DELETE FROM listing_words WHERE id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
        INSERT INTO listing_titles (id, vector, kind, listing_type, sector_code, province_code,
                                    price, trl, image_count, stall_id)
        VALUES (NEW.id, title_vector(NEW.fold_title), NEW.kind, NEW.listing_type,
                NEW.sector_code, NEW.province_code, COALESCE(NEW.price_vnd, NEW.budget_max_vnd),
                NEW.trl, NEW.image_count, NEW.stall_id);
        INSERT INTO listing_words (id, vector, kind, listing_type, sector_code, province_code,
                                   price, trl, image_count, stall_id)
        VALUES (NEW.id, words_vector(NEW.fold_title, NEW.fold_body), NEW.kind, NEW.listing_type,
                NEW.sector_code, NEW.province_code, COALESCE(NEW.price_vnd, NEW.budget_max_vnd),
                NEW.trl, NEW.image_count, NEW.stall_id);
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER listings_keep_published_words ON listings;
CREATE TRIGGER listings_keep_published_words
AFTER INSERT OR DELETE OR UPDATE OF status, fold_title, fold_body, kind, listing_type, sector_code,
    province_code, price_vnd, budget_max_vnd, trl, image_count, stall_id ON listings
FOR EACH ROW EXECUTE FUNCTION keep_published_words();
