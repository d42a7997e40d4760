-- Pooled demand (SQLite): on a published request to buy, other members (a co-op's farmers) add
-- "I need this too" with their quantity; the request shows how many joined and the total asked.
-- One pledge per member and request.
CREATE TABLE request_pledges (
    listing_id INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    quantity   INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (listing_id, user_id)
);
CREATE INDEX request_pledges_user ON request_pledges (user_id);
