-- Events (SQLite): technology fairs (techmart), exhibitions, supply–demand connection sessions,
-- startup events and training courses, with their programme, visitors' registrations and
-- tickets, stalls' booths, and the news articles about them.

-- Times are UTC milliseconds (shown in Vietnam time). `venue`/`address`/`province_code` for an
-- event held somewhere, `online_url` for one held online (either or both). `capacity` NULL: no
-- limit. `booths_open`: stalls may apply for a booth. `attendance_reported`: the attendance of a
-- past event held before the site checked tickets in (else counted from check-ins).
CREATE TABLE events (
    id                    INTEGER PRIMARY KEY,
    slug                  TEXT NOT NULL UNIQUE,
    kind                  TEXT NOT NULL
                          CHECK (kind IN ('techmart', 'exhibition', 'connection', 'startup', 'training')),
    title                 TEXT NOT NULL,
    summary               TEXT NOT NULL,
    description           TEXT NOT NULL,
    description_html      TEXT NOT NULL,
    cover_key             TEXT,
    cover_thumb           TEXT,
    starts_at             INTEGER NOT NULL,
    ends_at               INTEGER NOT NULL,
    venue                 TEXT,
    address               TEXT,
    province_code         TEXT REFERENCES provinces (code),
    online_url            TEXT,
    organiser             TEXT NOT NULL,
    capacity              INTEGER,
    registration_deadline INTEGER,
    booths_open           INTEGER NOT NULL DEFAULT 0,
    attendance_reported   INTEGER,
    status                TEXT NOT NULL DEFAULT 'published'
                          CHECK (status IN ('draft', 'published', 'cancelled')),
    created_by            INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (capacity IS NULL OR capacity > 0),
    CHECK (venue IS NOT NULL OR online_url IS NOT NULL)
);
CREATE INDEX events_calendar ON events (starts_at, id) WHERE status <> 'draft';
CREATE INDEX events_kind ON events (kind, starts_at) WHERE status <> 'draft';
CREATE INDEX events_province ON events (province_code, starts_at) WHERE status <> 'draft';

-- The programme: what happens when, and who speaks.
CREATE TABLE event_programme (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    starts_at INTEGER NOT NULL,
    title     TEXT NOT NULL,
    speaker   TEXT,
    PRIMARY KEY (event_id, position)
);

-- A visitor's registration: a member's (`user_id`) or a visitor's who confirms by the mailed
-- link (`confirm_hash`, the SHA-256 of the link's secret). `status`: 'unconfirmed' (waiting for
-- the link), 'confirmed' (holds a seat and a ticket), 'waiting' (the event was full: moved up in
-- `waiting_since` order when a seat frees), 'cancelled'. `ticket_code` is what the QR code
-- holds; `cancel_hash` the secret of the cancel link. One live registration per e-mail.
CREATE TABLE event_registrations (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    name            TEXT NOT NULL,
    organisation    TEXT NOT NULL,
    phone           TEXT NOT NULL,
    email           TEXT NOT NULL,
    status          TEXT NOT NULL
                    CHECK (status IN ('unconfirmed', 'confirmed', 'waiting', 'cancelled')),
    ticket_code     TEXT NOT NULL UNIQUE,
    confirm_hash    TEXT,
    cancel_hash     TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    confirmed_at    INTEGER,
    waiting_since   INTEGER,
    cancelled_at    INTEGER,
    reminded_at     INTEGER,
    checked_in_at   INTEGER,
    checked_in_by   INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX event_registrations_once ON event_registrations (event_id, email)
    WHERE status <> 'cancelled';
CREATE INDEX event_registrations_event ON event_registrations (event_id, status, waiting_since);
CREATE INDEX event_registrations_user ON event_registrations (user_id) WHERE user_id IS NOT NULL;

-- A stall's booth at a fair: applied for with the listings it will show, accepted (with a
-- booth number) or declined by a moderator.
CREATE TABLE event_booths (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    stall_id     INTEGER NOT NULL REFERENCES stalls (id) ON DELETE CASCADE,
    status       TEXT NOT NULL CHECK (status IN ('applied', 'accepted', 'declined', 'withdrawn')),
    booth_number TEXT,
    note         TEXT NOT NULL DEFAULT '',
    applied_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at   INTEGER,
    created_at   INTEGER NOT NULL,
    UNIQUE (event_id, stall_id),
    CHECK (status <> 'accepted' OR booth_number IS NOT NULL)
);
CREATE UNIQUE INDEX event_booths_number ON event_booths (event_id, booth_number)
    WHERE status = 'accepted';

CREATE TABLE event_booth_listings (
    booth_id   INTEGER NOT NULL REFERENCES event_booths (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    listing_id INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    PRIMARY KEY (booth_id, position)
);
CREATE INDEX event_booth_listings_listing ON event_booth_listings (listing_id);

-- News articles about an event, shown on its page (most after it took place).
CREATE TABLE event_articles (
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, article_id)
);
