-- Web push (SQLite): each device a member turns notifications on for is a push subscription, tied
-- to the browser session that made it, so logging out of that browser stops its pushes. The
-- server's VAPID key pair is kept in `server_keys`.

CREATE TABLE push_subscriptions (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- the session (its token's hash) that subscribed
    session_hash TEXT NOT NULL REFERENCES sessions (token_hash) ON DELETE CASCADE,
    -- the push service's address for this device, and the keys its messages are encrypted to
    -- (RFC 8291: the P-256 public key and the 16-byte secret, base64url)
    endpoint     TEXT NOT NULL UNIQUE,
    p256dh       TEXT NOT NULL,
    auth         TEXT NOT NULL,
    -- how the member recognises the device in their list ("Chrome on Android")
    device       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_sent_at INTEGER,
    -- failed deliveries since the last one that went through
    failures     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);
CREATE INDEX push_subscriptions_session ON push_subscriptions (session_hash);

-- What has been pushed: every notification and message is claimed once by the push pass, whether
-- or not its member has a device to push to; those before this migration count as done.
ALTER TABLE notifications ADD COLUMN pushed_at INTEGER;
UPDATE notifications SET pushed_at = created_at;
CREATE INDEX notifications_unpushed ON notifications (id) WHERE pushed_at IS NULL;
ALTER TABLE messages ADD COLUMN pushed_at INTEGER;
UPDATE messages SET pushed_at = created_at;
CREATE INDEX messages_unpushed ON messages (id) WHERE pushed_at IS NULL;
