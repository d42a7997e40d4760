-- Stalls opened by members and reviewed by moderators (SQLite).

ALTER TABLE stalls ADD COLUMN created_by INTEGER REFERENCES users (id);
ALTER TABLE stalls ADD COLUMN contact_person TEXT NOT NULL DEFAULT '';
-- comma-separated, as shown: "ISO 9001, HACCP"
ALTER TABLE stalls ADD COLUMN certifications TEXT NOT NULL DEFAULT '';
-- why a moderator refused it; shown to its members
ALTER TABLE stalls ADD COLUMN rejection_reason TEXT;
ALTER TABLE stalls ADD COLUMN reviewed_by INTEGER REFERENCES users (id);
ALTER TABLE stalls ADD COLUMN reviewed_at INTEGER;
ALTER TABLE stalls ADD COLUMN updated_at INTEGER;

-- Members who act for a stall's organisation. The member who opened it is its owner.
CREATE TABLE stall_members (
    stall_id   INTEGER NOT NULL REFERENCES stalls (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'member')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (stall_id, user_id)
);
CREATE INDEX stall_members_user ON stall_members (user_id);

-- The moderation queue reads pending stalls oldest first.
CREATE INDEX stalls_status_created ON stalls (status, created_at);
