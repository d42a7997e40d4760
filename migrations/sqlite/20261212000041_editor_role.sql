-- techx: foreign keys off
-- Editors write the exchange's news (SQLite): a role between member and moderator, granted by
-- administrators. SQLite cannot change a CHECK, so `users` is rebuilt by the documented
-- procedure. The line above has `db::dialect::migrate` turn foreign keys off around this
-- migration (they cannot be turned off inside its transaction), else dropping the old table
-- would delete every session, listing and bid that refers to it; they are checked after.
CREATE TABLE users_new (
    id                 INTEGER PRIMARY KEY,
    email              TEXT NOT NULL UNIQUE,
    display_name       TEXT NOT NULL,
    password_hash      TEXT NOT NULL,
    role               TEXT NOT NULL DEFAULT 'member'
                       CHECK (role IN ('member', 'editor', 'moderator', 'admin')),
    created_at         INTEGER NOT NULL,
    locale             TEXT NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
    email_confirmed_at INTEGER,
    match_alerts       TEXT NOT NULL DEFAULT 'daily'
                       CHECK (match_alerts IN ('instant', 'daily', 'weekly', 'off'))
);
INSERT INTO users_new (id, email, display_name, password_hash, role, created_at, locale,
                       email_confirmed_at, match_alerts)
    SELECT id, email, display_name, password_hash, role, created_at, locale,
           email_confirmed_at, match_alerts
    FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_created ON users (created_at);
