-- Bidding: each auction keeps its rules and its current state (what the bidding page shows and
-- the next bid is checked against), and a tamper-evident log of every accepted action, each
-- entry holding a SHA-256 over its content and the previous entry's hash. Replaying the log
-- through the rules (`domain::auction`) must give the stored state; `techx auction verify ID`
-- checks both.

-- The account that may not bid (the listing's author); NULL for seeded auctions without one.
ALTER TABLE auctions ADD COLUMN seller_id BIGINT REFERENCES users (id);
-- Hidden from bidders: below it nothing is sold.
ALTER TABLE auctions ADD COLUMN reserve_vnd BIGINT CHECK (reserve_vnd IS NULL OR reserve_vnd > 0);
ALTER TABLE auctions ADD COLUMN buy_now_vnd BIGINT CHECK (buy_now_vnd IS NULL OR buy_now_vnd > 0);
-- A bid this close to the end pushes the end to this long after it.
ALTER TABLE auctions ADD COLUMN soft_close_ms BIGINT NOT NULL DEFAULT 180000 CHECK (soft_close_ms >= 0);
-- The end as first set; `ends_at` is the current end, after soft-close extensions.
ALTER TABLE auctions ADD COLUMN scheduled_end_at BIGINT;
UPDATE auctions SET scheduled_end_at = ends_at;
ALTER TABLE auctions ADD COLUMN leader_id BIGINT REFERENCES users (id);
ALTER TABLE auctions ADD COLUMN leader_max_vnd BIGINT;
ALTER TABLE auctions ADD COLUMN bought_at BIGINT;
-- Entries in the log and the last one's hash ('' before the first).
ALTER TABLE auctions ADD COLUMN action_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE auctions ADD COLUMN last_hash TEXT NOT NULL DEFAULT '';
-- Set when the closing task ends it: the winner and price, or NULL for no sale.
ALTER TABLE auctions ADD COLUMN closed_at BIGINT;
ALTER TABLE auctions ADD COLUMN winner_id BIGINT REFERENCES users (id);
ALTER TABLE auctions ADD COLUMN sold_price_vnd BIGINT;

CREATE TABLE auction_actions (
    auction_id  BIGINT NOT NULL REFERENCES auctions (id),
    -- 1, 2, 3 … in the order the actions were applied
    seq         BIGINT NOT NULL,
    bidder_id   BIGINT NOT NULL REFERENCES users (id),
    action      TEXT NOT NULL CHECK (action IN ('bid', 'buy_now')),
    -- the maximum stated, for a bid
    max_vnd     BIGINT,
    placed_at   BIGINT NOT NULL,
    -- the state it left: price, leader, end
    price_vnd   BIGINT NOT NULL,
    leader_id   BIGINT NOT NULL,
    ends_at     BIGINT NOT NULL,
    -- the public history lines it added, as JSON
    history     TEXT NOT NULL,
    -- the submitting form's one-time key: the same submission twice is applied once
    request_key TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    PRIMARY KEY (auction_id, seq),
    UNIQUE (auction_id, bidder_id, request_key)
);
CREATE INDEX auction_actions_bidder ON auction_actions (bidder_id, auction_id);
