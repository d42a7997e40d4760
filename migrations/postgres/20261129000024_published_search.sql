-- The words of published listings in narrow tables of their own (PostgreSQL).
--
-- A GIN index answers "which listings hold these words" as a bitmap; PostgreSQL then visits each
-- candidate's row for its status and, for a phrase, its positions, before it can pick the newest.
-- The listing rows are wide (~2.3 KB: the whole text and its vectors), about three to a page, and
-- the table does not fit in shared buffers at scale 10: the title phrase "mat troi" visited 8,651
-- pages for 9,505 candidates (57 ms), a count of 1,001 matches 910 pages.
--
-- Here published listings only, in two tables: `listing_titles` holds each one's id and its
-- title's vector (~150 bytes a row, ~20 MB at scale 10), which the title tiers and most counts
-- read; `listing_words` the vector of all its words, title words weighing A and the rest B
-- (~1.2 KB a row), for the tiers that look past the title. A listing enters both when it is
-- published and leaves when it is no longer (trigger below); the listings table loses the
-- vectors and indexes it held for search (migrations 9 and 23).

CREATE TABLE listing_titles (
    id     BIGINT PRIMARY KEY,
    vector tsvector NOT NULL
);
-- Titles are at most 150 characters: the vector always fits in the row, uncompressed.
ALTER TABLE listing_titles ALTER COLUMN vector SET STORAGE PLAIN;

CREATE TABLE listing_words (
    id     BIGINT PRIMARY KEY,
    vector tsvector NOT NULL
);

CREATE FUNCTION title_vector(fold_title TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE AS $$ SELECT to_tsvector('simple', fold_title) $$;

CREATE FUNCTION words_vector(fold_title TEXT, fold_body TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE AS $$
    SELECT setweight(to_tsvector('simple', fold_title), 'A')
        || setweight(to_tsvector('simple', fold_body), 'B')
$$;

INSERT INTO listing_titles (id, vector)
SELECT id, title_vector(fold_title) FROM listings WHERE status = 'published';
INSERT INTO listing_words (id, vector)
SELECT id, words_vector(fold_title, fold_body) FROM listings WHERE status = 'published';

CREATE INDEX listing_titles_vector ON listing_titles USING GIN (vector);
CREATE INDEX listing_words_vector ON listing_words USING GIN (vector);

CREATE FUNCTION keep_published_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM listing_titles WHERE id = OLD.id;
        DELETE FROM listing_words WHERE id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
        INSERT INTO listing_titles (id, vector) VALUES (NEW.id, title_vector(NEW.fold_title));
        INSERT INTO listing_words (id, vector)
        VALUES (NEW.id, words_vector(NEW.fold_title, NEW.fold_body));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER listings_keep_published_words
AFTER INSERT OR DELETE OR UPDATE OF status, fold_title, fold_body ON listings
FOR EACH ROW EXECUTE FUNCTION keep_published_words();

DROP INDEX listings_search;
DROP INDEX listings_title_search;
ALTER TABLE listings DROP COLUMN title_vector;
ALTER TABLE listings DROP COLUMN search_vector;
