-- A stall's owner invites colleagues by e-mail to act for the stall (SQLite). The link in the
-- mail carries a secret token; only its hash is kept. Accepting needs the token (proof of the
-- mailbox) and an account with the invited address.

CREATE TABLE stall_invitations (
    id          INTEGER PRIMARY KEY,
    stall_id    INTEGER NOT NULL REFERENCES stalls (id) ON DELETE CASCADE,
    -- lowercase, as accounts keep them
    email       TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    invited_by  INTEGER NOT NULL REFERENCES users (id),
    status      TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled')),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    decided_at  INTEGER,
    decided_by  INTEGER REFERENCES users (id)
);
-- At most one open invitation per stall and address: inviting again renews it.
CREATE UNIQUE INDEX stall_invitations_open ON stall_invitations (stall_id, email) WHERE status = 'pending';
