-- The language a visitor registered for an event in: their confirmation, ticket and reminder
-- mails are written in it ('vi' or 'en').
ALTER TABLE event_registrations ADD COLUMN locale TEXT NOT NULL DEFAULT 'vi'
    CHECK (locale IN ('vi', 'en'));

-- The confirmation link finds its registration by the hash of its secret.
CREATE INDEX event_registrations_confirm ON event_registrations (confirm_hash)
    WHERE confirm_hash IS NOT NULL;
