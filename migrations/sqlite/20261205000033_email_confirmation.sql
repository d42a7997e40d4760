-- A new account is confirmed by a link mailed to its address (SQLite): until then it cannot log in,
-- and registering does not tell a stranger whether an address already has an account (its
-- owner gets a mail instead). Accounts made before this are taken as confirmed.
ALTER TABLE users ADD COLUMN email_confirmed_at INTEGER;
UPDATE users SET email_confirmed_at = created_at;

CREATE TABLE email_confirmations (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX email_confirmations_user ON email_confirmations (user_id);
