-- Foundation schema (SQLite). Times are milliseconds since the Unix epoch, UTC; money is whole VND.

CREATE TABLE provinces (
    code       TEXT PRIMARY KEY,
    name_vi    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE sectors (
    code       TEXT PRIMARY KEY,
    name_vi    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE stalls (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    org_kind      TEXT NOT NULL CHECK (org_kind IN ('company', 'institute', 'university', 'cooperative')),
    sector_code   TEXT NOT NULL REFERENCES sectors (code),
    province_code TEXT NOT NULL REFERENCES provinces (code),
    description   TEXT NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    website       TEXT NOT NULL DEFAULT '',
    founded_year  INTEGER,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at    INTEGER NOT NULL
);
CREATE INDEX stalls_status ON stalls (status);

CREATE TABLE listings (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('offer', 'request')),
    listing_type  TEXT NOT NULL CHECK (listing_type IN ('technology', 'equipment', 'product', 'service')),
    stall_id      INTEGER REFERENCES stalls (id),
    seller_name   TEXT,
    seller_phone  TEXT,
    title         TEXT NOT NULL,
    summary       TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    sector_code   TEXT NOT NULL REFERENCES sectors (code),
    province_code TEXT NOT NULL REFERENCES provinces (code),
    price_vnd     INTEGER CHECK (price_vnd IS NULL OR price_vnd >= 0),
    search_text   TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'published', 'rejected', 'closed', 'expired')),
    created_at    INTEGER NOT NULL,
    -- a listing belongs to a stall or names its independent seller
    CHECK (stall_id IS NOT NULL OR seller_name IS NOT NULL)
);
CREATE INDEX listings_status_kind_created ON listings (status, kind, created_at);
CREATE INDEX listings_stall ON listings (stall_id, status, kind);

CREATE TABLE auctions (
    id                INTEGER PRIMARY KEY,
    listing_id        INTEGER NOT NULL UNIQUE REFERENCES listings (id),
    starting_price_vnd INTEGER NOT NULL CHECK (starting_price_vnd >= 0),
    current_price_vnd INTEGER NOT NULL CHECK (current_price_vnd >= 0),
    bid_step_vnd      INTEGER NOT NULL CHECK (bid_step_vnd > 0),
    bid_count         INTEGER NOT NULL DEFAULT 0,
    starts_at         INTEGER NOT NULL,
    ends_at           INTEGER NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'closed', 'cancelled')),
    CHECK (ends_at > starts_at)
);
CREATE INDEX auctions_status_ends ON auctions (status, ends_at);

CREATE TABLE site_counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO site_counters (name, value) VALUES ('visits', 0);
