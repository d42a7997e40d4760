-- The in-app notification centre: what happened to a member's auctions (outbid, ending soon,
-- won, lost, their own auction ended), newest first, unread until they open the centre.

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('outbid', 'ending_soon', 'won', 'lost', 'auction_ended')),
    auction_id INTEGER NOT NULL REFERENCES auctions (id),
    -- the listing's title when it happened
    title      TEXT NOT NULL,
    -- the price it is about (the new price, the winning price …), if any
    amount_vnd INTEGER,
    created_at INTEGER NOT NULL,
    read_at    INTEGER
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- Set once "ending soon" went out, so it goes out once.
ALTER TABLE auctions ADD COLUMN ending_notified_at INTEGER;
