-- News (SQLite): articles editors write, in categories editors extend, with tags, attached
-- stalls and listings, and every change kept as a revision.

CREATE TABLE article_categories (
    slug       TEXT PRIMARY KEY,
    name_vi    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
INSERT INTO article_categories (slug, name_vi, name_en, position, created_at) VALUES
    ('thanh-tuu', 'Thành tựu khoa học', 'Achievements', 1, 0),
    ('doi-moi-sang-tao', 'Đổi mới sáng tạo', 'Innovation', 2, 0),
    ('khoi-nghiep', 'Khởi nghiệp', 'Startups', 3, 0),
    ('chinh-sach', 'Chính sách', 'Policy', 4, 0),
    ('thi-truong', 'Thị trường công nghệ', 'Market', 5, 0),
    ('su-kien', 'Sự kiện', 'Events', 6, 0);

-- `status`: a draft is seen by editors only; a scheduled article is published by the server at
-- `publish_at` (once, whichever process gets there first); `published_at` is the date readers
-- see, kept when an article is unpublished and published again. `body_html` is the Markdown
-- rendered and sanitised when saved; `fold_text` the title, summary and body folded for search.
CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL,
    body            TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    category        TEXT NOT NULL REFERENCES article_categories (slug),
    author_name     TEXT NOT NULL,
    source_name     TEXT,
    source_url      TEXT,
    cover_key       TEXT,
    cover_thumb     TEXT,
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'scheduled', 'published', 'unpublished')),
    publish_at      INTEGER,
    published_at    INTEGER,
    reading_minutes INTEGER NOT NULL,
    fold_text       TEXT NOT NULL,
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (status <> 'scheduled' OR publish_at IS NOT NULL),
    CHECK (status <> 'published' OR published_at IS NOT NULL)
);
CREATE INDEX articles_published ON articles (published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX articles_category ON articles (category, published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX articles_due ON articles (publish_at) WHERE status = 'scheduled';
CREATE INDEX articles_updated ON articles (updated_at DESC, id DESC);

-- A tag as typed (`label`) and as found in URLs (`tag`, a slug). `published_at` mirrors the
-- article's while it is published (NULL otherwise), so a tag's page reads newest first from
-- the index alone.
CREATE TABLE article_tags (
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag          TEXT NOT NULL,
    label        TEXT NOT NULL,
    published_at INTEGER,
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX article_tags_published ON article_tags (tag, published_at DESC, article_id DESC)
    WHERE published_at IS NOT NULL;

-- Stalls and listings shown beside an article, in the editor's order.
CREATE TABLE article_links (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    stall_id   INTEGER REFERENCES stalls (id) ON DELETE CASCADE,
    listing_id INTEGER REFERENCES listings (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, position),
    CHECK ((stall_id IS NULL) <> (listing_id IS NULL))
);

-- Who changed what: `action` (created, edited, scheduled, published, unpublished), the fields
-- `changed` (comma-separated) and the article's fields after the change (`snapshot`, JSON).
CREATE TABLE article_revisions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    editor_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action     TEXT NOT NULL,
    changed    TEXT NOT NULL,
    snapshot   TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX article_revisions_article ON article_revisions (article_id, id);
