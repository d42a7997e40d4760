-- The language a member reads the site in (`vi` or `en`), so mails that other people's actions
-- cause (a moderator's decision, a message) reach them in their own language. Set at
-- registration and whenever they switch language while logged in.

ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en'));
