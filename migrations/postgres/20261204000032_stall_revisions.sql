-- Changes to an approved stall's profile and pictures wait here for a moderator (PostgreSQL), while
-- the approved version stays public. One waiting revision per stall: a later edit replaces it.
-- It holds the whole profile as it would be, as typed (checked again when approved), and the
-- pictures it would have.
CREATE TABLE stall_revisions (
    stall_id       BIGINT PRIMARY KEY REFERENCES stalls (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    org_kind       TEXT NOT NULL,
    sector_code    TEXT NOT NULL,
    other_sectors  TEXT NOT NULL,
    province_code  TEXT NOT NULL,
    description    TEXT NOT NULL,
    address        TEXT NOT NULL,
    phone          TEXT NOT NULL,
    email          TEXT NOT NULL,
    website        TEXT NOT NULL,
    contact_person TEXT NOT NULL,
    founded_year   TEXT NOT NULL,
    certifications TEXT NOT NULL,
    logo_key       TEXT,
    cover_key      TEXT,
    submitted_by   BIGINT REFERENCES users (id),
    submitted_at   BIGINT NOT NULL
);
