-- An outbid notification is written in the bid's own transaction; its mail is composed afterwards
-- by a background task, off the bid's path. `mailed_at` is set once its mail is in the outbox
-- (notifications of other kinds queue their mail in the same transaction, so they start mailed).

ALTER TABLE notifications ADD COLUMN mailed_at BIGINT;
UPDATE notifications SET mailed_at = created_at;
CREATE INDEX notifications_unmailed ON notifications (id) WHERE mailed_at IS NULL;
