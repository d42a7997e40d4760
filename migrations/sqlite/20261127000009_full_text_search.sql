-- Full-text search over listings (SQLite FTS5).
--
-- The server folds text before storing it (lowercase, Vietnamese diacritics removed, đ → d, words
-- split at anything but letters and digits), since no SQLite tokenizer folds đ: "Máy kéo" is
-- stored and searched as "may keo". FTS5 indexes the folded columns; triggers keep it in step.

ALTER TABLE listings ADD COLUMN fold_title TEXT NOT NULL DEFAULT '';
-- summary, description and the stall's name
ALTER TABLE listings ADD COLUMN fold_body TEXT NOT NULL DEFAULT '';

CREATE VIRTUAL TABLE listings_fts USING fts5(
    fold_title,
    fold_body,
    content = 'listings',
    content_rowid = 'id',
    tokenize = 'unicode61'
);

CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN
    INSERT INTO listings_fts (rowid, fold_title, fold_body) VALUES (new.id, new.fold_title, new.fold_body);
END;

CREATE TRIGGER listings_fts_delete AFTER DELETE ON listings BEGIN
    INSERT INTO listings_fts (listings_fts, rowid, fold_title, fold_body)
    VALUES ('delete', old.id, old.fold_title, old.fold_body);
END;

CREATE TRIGGER listings_fts_update AFTER UPDATE OF fold_title, fold_body ON listings BEGIN
    INSERT INTO listings_fts (listings_fts, rowid, fold_title, fold_body)
    VALUES ('delete', old.id, old.fold_title, old.fold_body);
    INSERT INTO listings_fts (rowid, fold_title, fold_body) VALUES (new.id, new.fold_title, new.fold_body);
END;
