-- Wrong passwords in a row per e-mail address, registered or not (PostgreSQL). A row exists only
-- while an address has recent failures; a successful login deletes it.
CREATE TABLE login_throttle (
    email         TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    -- no attempt is checked before this time (ms since the epoch)
    blocked_until BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
