-- Startup projects and investors (SQLite): members present projects (for themselves or for a
-- stall) that moderators review before they are public; investors (angels, funds, corporates,
-- public programmes), also approved by a moderator, see the confidential part of a project
-- after accepting its confidentiality terms, and every look at it is logged for the owners.

-- `stage`: idea, prototype, pilot, revenue (first revenue), scaling. `trl`: technology readiness
-- level 1–9. Money in whole VND: `funding_sought` (> 0) of `funding_kind`, `funding_raised`
-- so far (public, for the statistics). `status`: 'pending' (waiting for a moderator, after
-- every change), 'published', 'rejected' (with `review_note` for the owner), 'withdrawn'.
-- `deck_key`: the pitch deck (a PDF in the media store, never served by /media), confidential.
-- `search_version`: as articles' (migration 43), for the in-memory search.
CREATE TABLE startup_projects (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    owner_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    stall_id       INTEGER REFERENCES stalls (id) ON DELETE SET NULL,
    name           TEXT NOT NULL,
    pitch          TEXT NOT NULL,
    description    TEXT NOT NULL,
    sector_code    TEXT NOT NULL REFERENCES sectors (code),
    province_code  TEXT NOT NULL REFERENCES provinces (code),
    stage          TEXT NOT NULL
                   CHECK (stage IN ('idea', 'prototype', 'pilot', 'revenue', 'scaling')),
    trl            INTEGER NOT NULL CHECK (trl BETWEEN 1 AND 9),
    funding_sought INTEGER NOT NULL CHECK (funding_sought > 0),
    funding_kind   TEXT NOT NULL CHECK (funding_kind IN ('grant', 'equity', 'loan', 'prize')),
    funding_raised INTEGER NOT NULL DEFAULT 0 CHECK (funding_raised >= 0),
    video_url      TEXT,
    cover_key      TEXT,
    cover_thumb    TEXT,
    deck_key       TEXT,
    deck_bytes     INTEGER,
    status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'published', 'rejected', 'withdrawn')),
    review_note    TEXT,
    reviewed_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at    INTEGER,
    published_at   INTEGER,
    search_version INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX startup_projects_browse ON startup_projects (status, published_at);
CREATE INDEX startup_projects_owner ON startup_projects (owner_id);
CREATE INDEX startup_projects_stall ON startup_projects (stall_id);
CREATE INDEX startup_projects_search_version ON startup_projects (search_version);
INSERT INTO site_counters (name, value) VALUES ('startup_search_version', 0);

-- The team, in order; `user_id` links a member of the site.
CREATE TABLE startup_team (
    project_id INTEGER NOT NULL REFERENCES startup_projects (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (project_id, position)
);

-- Traction figures the owners chose to show; `confidential` ones only to investors who
-- accepted the terms.
CREATE TABLE startup_traction (
    project_id   INTEGER NOT NULL REFERENCES startup_projects (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    label        TEXT NOT NULL,
    value        TEXT NOT NULL,
    confidential INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, position)
);

-- An investor's profile, one per member. `kind`: angel, fund, corporate, public (programme).
-- Ticket sizes in VND. `status` as a project's; only 'approved' investors see confidential
-- material. Focus: sectors, stages and provinces (none: any).
CREATE TABLE investors (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    slug         TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('angel', 'fund', 'corporate', 'public')),
    name         TEXT NOT NULL,
    about        TEXT NOT NULL,
    ticket_min   INTEGER NOT NULL CHECK (ticket_min > 0),
    ticket_max   INTEGER NOT NULL,
    portfolio    TEXT NOT NULL DEFAULT '',
    website      TEXT,
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'approved', 'rejected')),
    review_note  TEXT,
    reviewed_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at  INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CHECK (ticket_max >= ticket_min)
);
CREATE INDEX investors_status ON investors (status, name);

CREATE TABLE investor_focus (
    investor_id INTEGER NOT NULL REFERENCES investors (id) ON DELETE CASCADE,
    facet       TEXT NOT NULL CHECK (facet IN ('sector', 'stage', 'province')),
    code        TEXT NOT NULL,
    PRIMARY KEY (investor_id, facet, code)
);

-- An investor's acceptance of a project's confidentiality terms: once, with its time.
CREATE TABLE startup_terms_accepted (
    project_id  INTEGER NOT NULL REFERENCES startup_projects (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    accepted_at INTEGER NOT NULL,
    PRIMARY KEY (project_id, user_id)
);

-- Every look at a project's confidential material: `what` is 'detail' (its page with the
-- confidential figures) or 'deck' (the pitch deck downloaded).
CREATE TABLE startup_confidential_views (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES startup_projects (id) ON DELETE CASCADE,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    what       TEXT NOT NULL CHECK (what IN ('detail', 'deck')),
    viewed_at  INTEGER NOT NULL
);
CREATE INDEX startup_confidential_views_project ON startup_confidential_views (project_id, viewed_at);
