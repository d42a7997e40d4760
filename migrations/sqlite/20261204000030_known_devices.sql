-- Browsers a member has logged in from (SQLite), by the hash of their device cookie. A wrong
-- password typed in one counts against that browser only, so strangers who lock an account by
-- guessing cannot keep its owner out of the browsers they use.
CREATE TABLE known_devices (
    token_hash    TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    failures      INTEGER NOT NULL DEFAULT 0,
    -- no attempt from this browser is checked before this time (ms since the epoch)
    blocked_until INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX known_devices_user ON known_devices (user_id, updated_at);
