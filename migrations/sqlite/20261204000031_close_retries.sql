-- An auction that could not be closed (SQLite) is tried again after a wait that grows with each
-- failure, so it neither holds up the other auctions due with it nor fills the log.
ALTER TABLE auctions ADD COLUMN close_failures INTEGER NOT NULL DEFAULT 0;
-- not tried again before this time (ms since the epoch); NULL: as soon as it is due
ALTER TABLE auctions ADD COLUMN close_retry_at INTEGER;
