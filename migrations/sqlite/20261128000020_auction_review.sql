-- Putting an offer up for auction: the seller submits the rules, a moderator approves the
-- auction before it opens (or refuses it with a reason the seller reads and may then submit
-- again), and auctions of public property admit only bidders whose deposit a moderator has
-- confirmed.

-- 1 when only approved bidders may bid; the deposit they must lodge first.
ALTER TABLE auctions ADD COLUMN requires_approval INTEGER NOT NULL DEFAULT 0 CHECK (requires_approval IN (0, 1));
ALTER TABLE auctions ADD COLUMN deposit_vnd INTEGER CHECK (deposit_vnd IS NULL OR deposit_vnd > 0);
ALTER TABLE auctions ADD COLUMN submitted_at INTEGER;
ALTER TABLE auctions ADD COLUMN reviewed_by INTEGER REFERENCES users (id);
ALTER TABLE auctions ADD COLUMN reviewed_at INTEGER;
-- Why a moderator refused it (status 'cancelled'); NULL otherwise.
ALTER TABLE auctions ADD COLUMN rejection_reason TEXT;
CREATE INDEX auctions_pending ON auctions (status, submitted_at);

-- A member asking to bid on an auction that requires approval.
CREATE TABLE auction_bidders (
    auction_id    INTEGER NOT NULL REFERENCES auctions (id),
    user_id       INTEGER NOT NULL REFERENCES users (id),
    -- 'pending' until a moderator has checked the deposit, then 'approved' or 'refused'
    status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
    -- what the member gives to find the deposit: a bank transfer's reference
    deposit_ref   TEXT NOT NULL,
    phone         TEXT NOT NULL,
    registered_at INTEGER NOT NULL,
    decided_by    INTEGER REFERENCES users (id),
    decided_at    INTEGER,
    refusal_reason TEXT,
    PRIMARY KEY (auction_id, user_id)
);
CREATE INDEX auction_bidders_pending ON auction_bidders (status, registered_at);
