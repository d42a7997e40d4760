-- Each word of each published title in a B-tree, for counting a search's matches (PostgreSQL).
--
-- A search's count stops at 1,001 ("more than 1,000"). From the GIN index of `listing_titles`,
-- PostgreSQL builds the bitmap of every title holding all the words before it reads the first,
-- then visits each counted row's page: 3.2 ms on average for the long tail's two-word searches at
-- scale 10, for "he thong" (14,816 titles) 6.5 ms. Here the words are rows of (word, id), in the
-- order of the primary key: the titles holding all the words are the merge of each word's ids,
-- read from the index alone and only until 1,001 are found (pgbench, the 471 long-tail pairs at
-- 2 clients: 826 counts/s from the GIN index, 1,359 from this one).
--
-- Kept by a trigger on `listing_titles`, which holds the published listings only (migration 24),
-- so this table does too.

CREATE TABLE title_terms (
    word TEXT   NOT NULL,
    id   BIGINT NOT NULL
);

INSERT INTO title_terms (word, id)
SELECT w.lexeme, t.id FROM listing_titles t, unnest(t.vector) w;
-- Built after the rows, sorted once: 39 MB at scale 10, 57 MB when filled row by row.
ALTER TABLE title_terms ADD PRIMARY KEY (word, id);

CREATE FUNCTION keep_title_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.vector = NEW.vector AND OLD.id = NEW.id THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM title_terms
        WHERE id = OLD.id AND word = ANY (tsvector_to_array(OLD.vector));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO title_terms (word, id)
        SELECT w, NEW.id FROM unnest(tsvector_to_array(NEW.vector)) w;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER listing_titles_keep_terms
AFTER INSERT OR DELETE OR UPDATE OF id, vector ON listing_titles
FOR EACH ROW EXECUTE FUNCTION keep_title_terms();

-- The planner's figures for the new table, so its first searches are planned from them.
ANALYZE title_terms;
