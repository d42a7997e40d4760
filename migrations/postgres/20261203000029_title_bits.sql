-- Which published titles hold each word, as bitmaps of 1,024 listing ids, for counting a
-- search's matches (PostgreSQL).
--
-- A search counts the titles holding all its words (up to 1,001, "more than 1,000") to know
-- whether the vectors of all words need reading at all. From `title_terms` (migration 26) that
-- count is a merge of each word's ids, one index row per title: for the long tail's two-word
-- searches at scale 10, a median of 1.0 ms and 46 % of the statement time of a search; "cho tom"
-- read 4,220 and 3,815 rows to find 1,001. Here a word has a row per block of 1,024 ids
-- (`block` = id >> 10) whose bit (id & 1023) is set for each title holding it, so the same count
-- is the bits set in both words' bitmaps, block by block: 126 rows a word at scale 10, and the
-- exact count, not only up to 1,001. 471 long-tail counts through psql: 0.63 s from
-- `title_terms`, 0.24 s here (0.09 s of which psql's round trips).
--
-- Kept with `title_terms`, by the same trigger on `listing_titles`, which holds the published
-- listings only (migration 24). A block whose last title leaves loses its row, so the table holds
-- exactly the bitmaps of `title_terms`' rows.
--
-- Unlike `title_terms`, a row is shared: changing a published title locks its words' rows for its
-- block of 1,024 listings until commit, in the order of the words. Writers of titles in the same
-- block with words in common wait on each other; a transaction changing one title cannot
-- deadlock with another. One changing several (the periodic expiry's statement, the start-up
-- refold's batches) can, with a writer of the same block at the same moment: PostgreSQL then ends
-- one of them with an error, and the expiry tries again at its next round.

CREATE TABLE title_bits (
    word  TEXT      NOT NULL,
    block BIGINT    NOT NULL,
    bits  BIT(1024) NOT NULL,
    PRIMARY KEY (word, block)
) WITH (fillfactor = 70);

-- Each word's rows side by side: a count reads a few pages a word, where rows in the order of
-- the aggregation put each of "cho"'s 126 on a page of its own (118 buffers and 0.52–0.75 ms
-- for "cho tom", against 14 buffers and 0.30 ms). The room left on each page (fillfactor) keeps
-- a changed row on its page (a HOT update, the bits being in no index).
INSERT INTO title_bits (word, block, bits)
SELECT word, id >> 10, bit_or(set_bit(B'0'::BIT(1024), (id & 1023)::INT, 1))
FROM title_terms
GROUP BY word, id >> 10
ORDER BY word, id >> 10;

CREATE OR REPLACE FUNCTION keep_title_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.vector = NEW.vector AND OLD.id = NEW.id THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM title_terms
        WHERE id = OLD.id AND word = ANY (tsvector_to_array(OLD.vector));
        UPDATE title_bits SET bits = set_bit(bits, (OLD.id & 1023)::INT, 0)
        WHERE block = OLD.id >> 10 AND word = ANY (tsvector_to_array(OLD.vector));
        DELETE FROM title_bits
        WHERE block = OLD.id >> 10 AND word = ANY (tsvector_to_array(OLD.vector))
          AND bit_count(bits) = 0;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO title_terms (word, id)
        SELECT w, NEW.id FROM unnest(tsvector_to_array(NEW.vector)) w;
        -- A title's words are distinct, so no row is met twice. Rows are taken in the words'
        -- order (a vector's lexemes are sorted), the same in every transaction.
        INSERT INTO title_bits (word, block, bits)
        SELECT w, NEW.id >> 10, set_bit(B'0'::BIT(1024), (NEW.id & 1023)::INT, 1)
        FROM unnest(tsvector_to_array(NEW.vector)) w
        ON CONFLICT (word, block) DO UPDATE SET bits = title_bits.bits | EXCLUDED.bits;
    END IF;
    RETURN NULL;
END
$$;

ANALYZE title_bits;
