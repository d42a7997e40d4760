-- The full-text index holds published listings only (SQLite FTS5).
--
-- Every search looks only at published listings. With all of them in the index, each match had to
-- be looked up in `listings` for its status: a count of 1,001 matches took ~2 ms in those row
-- reads against ~0.25 ms in the index itself (scale 10). Holding only what is published, a search
-- without other filters needs no row until its page's cards. Triggers keep it in step: a listing
-- enters the index when it is published and leaves it when it is closed, expires, goes back to
-- review or is deleted. (An external-content table is told the exact words it is removing, so a
-- listing is removed only when it was in.)

DROP TRIGGER listings_fts_insert;
DROP TRIGGER listings_fts_delete;
DROP TRIGGER listings_fts_update;

INSERT INTO listings_fts (listings_fts) VALUES ('delete-all');
INSERT INTO listings_fts (rowid, fold_title, fold_body)
    SELECT id, fold_title, fold_body FROM listings WHERE status = 'published';

CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings WHEN new.status = 'published' BEGIN
    INSERT INTO listings_fts (rowid, fold_title, fold_body) VALUES (new.id, new.fold_title, new.fold_body);
END;

CREATE TRIGGER listings_fts_delete AFTER DELETE ON listings WHEN old.status = 'published' BEGIN
    INSERT INTO listings_fts (listings_fts, rowid, fold_title, fold_body)
    VALUES ('delete', old.id, old.fold_title, old.fold_body);
END;

CREATE TRIGGER listings_fts_update AFTER UPDATE OF fold_title, fold_body, status ON listings BEGIN
    INSERT INTO listings_fts (listings_fts, rowid, fold_title, fold_body)
    SELECT 'delete', old.id, old.fold_title, old.fold_body WHERE old.status = 'published';
    INSERT INTO listings_fts (rowid, fold_title, fold_body)
    SELECT new.id, new.fold_title, new.fold_body WHERE new.status = 'published';
END;
