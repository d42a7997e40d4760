-- The mentor network (SQLite). A member offers to mentor: expertise, sectors, languages and
-- the hours they give a month; owners of projects ask them for sessions (not in the past); the
-- mentor proposes times (or declines), the project chooses one, and both sides keep private
-- notes on the session.

-- `hours_per_month`: sessions last an hour, so a mentor is available in a month while fewer
-- sessions than that are scheduled in it. `available`: whether they take requests at all.
CREATE TABLE mentors (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    slug            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    headline        TEXT NOT NULL,
    bio             TEXT NOT NULL,
    hours_per_month INTEGER NOT NULL CHECK (hours_per_month BETWEEN 1 AND 40),
    available       INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

-- `facet`: expertise, sector or language.
CREATE TABLE mentor_tags (
    mentor_id INTEGER NOT NULL REFERENCES mentors (id) ON DELETE CASCADE,
    facet     TEXT NOT NULL CHECK (facet IN ('expertise', 'sector', 'language')),
    code      TEXT NOT NULL,
    PRIMARY KEY (mentor_id, facet, code)
);
CREATE INDEX mentor_tags_code ON mentor_tags (facet, code);

-- `asked_for`: the time the project asked for; `scheduled_at`: the proposed time it chose.
CREATE TABLE mentor_sessions (
    id           INTEGER PRIMARY KEY,
    mentor_id    INTEGER NOT NULL REFERENCES mentors (id) ON DELETE CASCADE,
    project_id   INTEGER NOT NULL REFERENCES startup_projects (id) ON DELETE CASCADE,
    requested_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    topic        TEXT NOT NULL,
    message      TEXT NOT NULL,
    asked_for    INTEGER NOT NULL,
    status       TEXT NOT NULL DEFAULT 'requested'
                 CHECK (status IN ('requested', 'proposed', 'scheduled', 'declined', 'done', 'cancelled')),
    scheduled_at INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX mentor_sessions_mentor ON mentor_sessions (mentor_id, status, scheduled_at);
CREATE INDEX mentor_sessions_project ON mentor_sessions (project_id);

CREATE TABLE mentor_session_times (
    session_id INTEGER NOT NULL REFERENCES mentor_sessions (id) ON DELETE CASCADE,
    starts_at  INTEGER NOT NULL,
    PRIMARY KEY (session_id, starts_at)
);

-- Each side's private notes on a session: only their writer reads them.
CREATE TABLE mentor_session_notes (
    session_id INTEGER NOT NULL REFERENCES mentor_sessions (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, user_id)
);
