-- Searching news articles (`db::article_search`). Every server process keeps the published
-- articles' words in memory, as it keeps the listings'. `article_search_version` moves on with
-- every change to an article (raised last in the changing transaction, so transactions commit
-- in the order of their versions), and the article's `search_version` becomes the new value: a
-- process that read version V reads only the articles changed after V.
ALTER TABLE articles ADD COLUMN search_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX articles_search_version ON articles (search_version);
INSERT INTO site_counters (name, value) VALUES ('article_search_version', 0);
