-- A new listing saved before it is complete (SQLite): the form exactly as typed, as JSON. It
-- becomes a listing (a draft or a submission) once every field is valid; until then only its
-- author sees it.

CREATE TABLE listing_drafts (
    id          INTEGER PRIMARY KEY,
    owner_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- for the author's list; the form holds it too
    title       TEXT NOT NULL,
    form        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX listing_drafts_owner ON listing_drafts (owner_id, updated_at);
