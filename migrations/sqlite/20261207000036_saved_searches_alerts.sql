-- Saved searches and alerts (SQLite). A member saves any search or browse URL with a name; when a
-- listing is published, the saved searches it satisfies (and the open requests it fits) become
-- alert hits, told at once in the notification centre or gathered into one digest mail per member
-- per day or week.

CREATE TABLE saved_searches (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    -- the search as in its URL, without page: `q=bom+nuoc&sector=nong-nghiep`
    query      TEXT NOT NULL,
    -- what a newly published listing is looked up by: the search's longest word, or
    -- `@sector:<code>`, `@kind:<kind>` or `@any` for a search without words
    match_key  TEXT NOT NULL,
    frequency  TEXT NOT NULL CHECK (frequency IN ('instant', 'daily', 'weekly')),
    paused_at  INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX saved_searches_user ON saved_searches (user_id, id);
CREATE INDEX saved_searches_key ON saved_searches (match_key) WHERE paused_at IS NULL;

-- How a member hears of new offers that fit their own open requests: 'off' says never.
ALTER TABLE users ADD COLUMN match_alerts TEXT NOT NULL DEFAULT 'daily'
    CHECK (match_alerts IN ('instant', 'daily', 'weekly', 'off'));

-- A listing newly published that a member wants to hear of: once per member and listing, however
-- many of their searches it satisfies; `sent_at` set when told (at once or in a digest).
CREATE TABLE alert_hits (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    listing_id      INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    saved_search_id INTEGER REFERENCES saved_searches (id) ON DELETE CASCADE,
    -- the member's own request the listing fits (a match alert)
    request_id      INTEGER REFERENCES listings (id) ON DELETE CASCADE,
    frequency       TEXT NOT NULL CHECK (frequency IN ('instant', 'daily', 'weekly')),
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    UNIQUE (user_id, listing_id)
);
CREATE INDEX alert_hits_due ON alert_hits (frequency, user_id) WHERE sent_at IS NULL;

-- One digest per member and period (`daily:2026-12-05`, `weekly:2026-W49`): the row is the claim,
-- written in the transaction that queues the mail, so across restarts and processes it goes once.
CREATE TABLE digest_sends (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    period   TEXT NOT NULL,
    sent_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, period)
);

-- Published listings not yet looked up against the saved searches; those already published are
-- not news.
ALTER TABLE listings ADD COLUMN alerts_checked_at INTEGER;
UPDATE listings SET alerts_checked_at = 0;
CREATE INDEX listings_alerts_due ON listings (id) WHERE alerts_checked_at IS NULL;

-- Alert mails carry an HTML part (pictures, links) and a one-click unsubscribe address.
ALTER TABLE outbox ADD COLUMN html TEXT;
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;

-- Keys the server keeps with its data: the unsubscribe links' signing key, the web-push keys.
CREATE TABLE server_keys (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The notification centre also tells of alerts (`alert`: a saved search, `match`: an own
-- request) about a listing rather than an auction: rebuilt, as SQLite cannot change a CHECK.
CREATE TABLE notifications_new (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('outbid', 'ending_soon', 'won', 'lost', 'auction_ended', 'alert', 'match')),
    auction_id INTEGER REFERENCES auctions (id),
    listing_id INTEGER REFERENCES listings (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    -- what the alert came from: the saved search's name or the request's title
    detail     TEXT,
    amount_vnd INTEGER,
    created_at INTEGER NOT NULL,
    read_at    INTEGER,
    mailed_at  INTEGER,
    CHECK ((auction_id IS NULL) <> (listing_id IS NULL))
);
INSERT INTO notifications_new (id, user_id, kind, auction_id, title, amount_vnd, created_at, read_at, mailed_at)
    SELECT id, user_id, kind, auction_id, title, amount_vnd, created_at, read_at, mailed_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_unmailed ON notifications (id) WHERE mailed_at IS NULL;
