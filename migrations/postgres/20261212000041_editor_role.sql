-- Editors write the exchange's news (PostgreSQL): a role between member and moderator, granted
-- by administrators.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('member', 'editor', 'moderator', 'admin'));
