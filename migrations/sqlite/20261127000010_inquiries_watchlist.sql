-- Inquiries: a member writes to the side of a listing (its stall's members, or its independent
-- poster); each pair of listing and inquirer is one conversation. And the members' watchlists.
-- (SQLite)

CREATE TABLE conversations (
    id              INTEGER PRIMARY KEY,
    listing_id      INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    -- the member who wrote first; the other side is the listing's stall or poster
    inquirer_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at      INTEGER NOT NULL,
    -- the newest message, kept here so inboxes sort and count without reading every message
    last_message_id INTEGER NOT NULL DEFAULT 0,
    last_message_at INTEGER NOT NULL,
    last_author_id  INTEGER NOT NULL,
    UNIQUE (listing_id, inquirer_id)
);
CREATE INDEX conversations_inquirer ON conversations (inquirer_id, last_message_at);
CREATE INDEX conversations_listing ON conversations (listing_id);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    author_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body            TEXT NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
-- how many conversations a member started lately (the flood limit)
CREATE INDEX conversations_started ON conversations (inquirer_id, created_at);

-- How far each member has read each conversation: a message is unread for a member when its id
-- is above theirs and someone else wrote it.
CREATE TABLE conversation_reads (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_read_id    INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);

CREATE TABLE watchlist (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    listing_id INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, listing_id)
);
CREATE INDEX watchlist_listing ON watchlist (listing_id);
