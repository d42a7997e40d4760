-- Pictures of listings (SQLite). The files live in the object store under their keys; a
-- listing keeps how many it has and its first thumbnail, so lists and the "has pictures" filter
-- need no join.

CREATE TABLE listing_images (
    id         INTEGER PRIMARY KEY,
    listing_id INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    image_key  TEXT NOT NULL,
    thumb_key  TEXT NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX listing_images_listing ON listing_images (listing_id, position);
CREATE INDEX listing_images_key ON listing_images (image_key);

ALTER TABLE listings ADD COLUMN image_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE listings ADD COLUMN cover_thumb TEXT;
