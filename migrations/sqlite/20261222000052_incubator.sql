-- Incubator programmes (SQLite). Editors keep each programme's cohorts of startup projects
-- (with the dates they run; projects of a cohort that ended are the programme's alumni) and link
-- its training courses, which are events of the `training` kind: their trainees are those the
-- door checked in (or the attendance reported for courses held before).
CREATE TABLE incubator_programmes (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    summary     TEXT NOT NULL,
    description TEXT NOT NULL,
    organiser   TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE incubator_cohorts (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES incubator_programmes (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    starts_at    INTEGER NOT NULL,
    ends_at      INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX incubator_cohorts_programme ON incubator_cohorts (programme_id, starts_at);

CREATE TABLE incubator_cohort_projects (
    cohort_id  INTEGER NOT NULL REFERENCES incubator_cohorts (id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES startup_projects (id) ON DELETE CASCADE,
    PRIMARY KEY (cohort_id, project_id)
);

CREATE TABLE incubator_trainings (
    programme_id INTEGER NOT NULL REFERENCES incubator_programmes (id) ON DELETE CASCADE,
    event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    PRIMARY KEY (programme_id, event_id)
);
