-- Videos (SQLite): clips editors upload to the media store (MP4 or WebM, with a poster and
-- WebVTT captions in Vietnamese and English) or link from YouTube, shown in `/videos` and in
-- the articles they are attached to.

-- `source`: 'upload' plays `media_key` from the store; 'youtube' shows the poster (or a plain
-- frame) and loads the video `youtube_id` from youtube-nocookie.com only when asked.
-- A draft is seen by editors only; publishing needs the clip (or the YouTube video).
CREATE TABLE videos (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('upload', 'youtube')),
    youtube_id   TEXT,
    media_key    TEXT,
    media_type   TEXT,
    media_bytes  INTEGER,
    poster_key   TEXT,
    poster_thumb TEXT,
    captions_vi  TEXT,
    captions_en  TEXT,
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    published_at INTEGER,
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CHECK (source <> 'youtube' OR youtube_id IS NOT NULL),
    CHECK (status <> 'published' OR published_at IS NOT NULL),
    CHECK (status <> 'published' OR source = 'youtube' OR media_key IS NOT NULL)
);
CREATE INDEX videos_published ON videos (published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX videos_updated ON videos (updated_at DESC, id DESC);

-- Videos shown in an article, in the editor's order (written in its links field as
-- `/videos/{slug}`).
CREATE TABLE article_videos (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    video_id   INTEGER NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX article_videos_video ON article_videos (video_id);
