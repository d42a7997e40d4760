-- Calls for applications (SQLite). An approved fund or public programme opens a call with a
-- deadline (applications taken until `deadline`, a UTC instant in milliseconds), eligibility and
-- questions; owners of published projects apply once per project before the deadline; the
-- funder moves each application through received, reviewing, interview, then funded or
-- declined (with a reason the applicant reads).
CREATE TABLE funding_calls (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    investor_id INTEGER NOT NULL REFERENCES investors (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    summary     TEXT NOT NULL,
    description TEXT NOT NULL,
    eligibility TEXT NOT NULL,
    deadline    INTEGER NOT NULL,
    budget      INTEGER CHECK (budget IS NULL OR budget > 0),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX funding_calls_deadline ON funding_calls (deadline);
CREATE INDEX funding_calls_investor ON funding_calls (investor_id);

-- A call's questions, in order.
CREATE TABLE funding_call_questions (
    call_id  INTEGER NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    PRIMARY KEY (call_id, position)
);

CREATE TABLE call_applications (
    id             INTEGER PRIMARY KEY,
    call_id        INTEGER NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
    project_id     INTEGER NOT NULL REFERENCES startup_projects (id) ON DELETE CASCADE,
    applicant_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    status         TEXT NOT NULL DEFAULT 'received'
                   CHECK (status IN ('received', 'reviewing', 'interview', 'funded', 'declined')),
    decline_reason TEXT,
    moved_at       INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    UNIQUE (call_id, project_id),
    CHECK (status <> 'declined' OR decline_reason IS NOT NULL)
);
CREATE INDEX call_applications_project ON call_applications (project_id);

-- The answers, by the question's position; the question's words are kept with them, as they
-- were when the applicant answered.
CREATE TABLE call_answers (
    application_id INTEGER NOT NULL REFERENCES call_applications (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    question       TEXT NOT NULL,
    answer         TEXT NOT NULL,
    PRIMARY KEY (application_id, position)
);
