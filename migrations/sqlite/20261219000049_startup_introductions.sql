-- Introductions between investors and startup projects (SQLite). An approved investor asks to
-- be introduced to a published project that is not theirs, with a message; the project's owners
-- accept (both sides then share a conversation, below) or decline with a reason the investor
-- reads. One introduction per project and investor.
CREATE TABLE startup_introductions (
    id             INTEGER PRIMARY KEY,
    project_id     INTEGER NOT NULL REFERENCES startup_projects (id) ON DELETE CASCADE,
    investor_id    INTEGER NOT NULL REFERENCES investors (id) ON DELETE CASCADE,
    asked_by       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message        TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'requested'
                   CHECK (status IN ('requested', 'accepted', 'declined')),
    decline_reason TEXT CHECK (decline_reason IN ('not_available', 'not_a_fit', 'price', 'timing', 'other')),
    answered_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    answered_at    INTEGER,
    created_at     INTEGER NOT NULL,
    UNIQUE (project_id, investor_id)
);
CREATE INDEX startup_introductions_investor ON startup_introductions (investor_id, created_at);
CREATE INDEX startup_introductions_project ON startup_introductions (project_id, created_at);

-- The conversation of an accepted introduction, between the investor and the project's owners.
CREATE TABLE startup_intro_messages (
    id              INTEGER PRIMARY KEY,
    introduction_id INTEGER NOT NULL REFERENCES startup_introductions (id) ON DELETE CASCADE,
    author_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body            TEXT NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX startup_intro_messages_introduction ON startup_intro_messages (introduction_id, id);
