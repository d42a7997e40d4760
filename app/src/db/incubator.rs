//! Incubator programmes: their cohorts of projects, their training courses (events of the
//! `training` kind) and the trainees those recorded, and the editors' changes to them.

use super::Db;
use crate::domain::incubator::{CohortInput, ProgrammeForm, ProgrammeInput};
use crate::model::{CohortView, ProgrammeCard, ProgrammeEditor, ProgrammePage, TrainingCourse};

/// [`ProgrammeCard`]'s columns, `g` the programme.
const CARD: &str = "SELECT g.id, g.slug, g.name, g.summary, g.organiser, \
     (SELECT COUNT(*) FROM incubator_cohorts c WHERE c.programme_id = g.id) AS cohorts, \
     (SELECT COUNT(DISTINCT cp.project_id) FROM incubator_cohort_projects cp \
      JOIN incubator_cohorts c ON c.id = cp.cohort_id WHERE c.programme_id = g.id) AS projects, \
     (SELECT COUNT(*) FROM incubator_trainings t WHERE t.programme_id = g.id) AS trainings \
     FROM incubator_programmes g";

/// Every programme, by name.
pub async fn list(db: &Db) -> sqlx::Result<Vec<ProgrammeCard>> {
    sqlx::query_as(&format!("{CARD} ORDER BY g.name, g.id"))
        .fetch_all(db)
        .await
}

/// Programme `slug` at `now`: its cohorts (running or ahead, then ended), its courses.
pub async fn page(db: &Db, slug: &str, now: i64) -> sqlx::Result<Option<ProgrammePage>> {
    let card: Option<ProgrammeCard> = sqlx::query_as(&format!("{CARD} WHERE g.slug = $1"))
        .bind(slug)
        .fetch_optional(db)
        .await?;
    let Some(card) = card else { return Ok(None) };
    let description: String =
        sqlx::query_scalar("SELECT description FROM incubator_programmes WHERE id = $1")
            .bind(card.id)
            .fetch_one(db)
            .await?;
    let cohorts: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT id, name, starts_at, ends_at FROM incubator_cohorts WHERE programme_id = $1
         ORDER BY starts_at DESC, id DESC",
    )
    .bind(card.id)
    .fetch_all(db)
    .await?;
    let (mut current, mut past) = (Vec::new(), Vec::new());
    for (id, name, starts_at, ends_at) in cohorts {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT cp.project_id FROM incubator_cohort_projects cp
             JOIN startup_projects p ON p.id = cp.project_id
             WHERE cp.cohort_id = $1 ORDER BY p.name",
        )
        .bind(id)
        .fetch_all(db)
        .await?;
        let cohort = CohortView {
            id,
            name,
            starts_at,
            ends_at,
            projects: super::startups::cards(db, &ids).await?,
        };
        if ends_at > now {
            current.push(cohort);
        } else {
            past.push(cohort);
        }
    }
    let trainings: Vec<TrainingCourse> = sqlx::query_as(
        "SELECT e.slug, e.title, e.starts_at,
                CASE WHEN COALESCE(e.attendance_reported, 0) > COUNT(r.id)
                     THEN COALESCE(e.attendance_reported, 0) ELSE COUNT(r.id) END AS trainees
         FROM incubator_trainings t JOIN events e ON e.id = t.event_id
         LEFT JOIN event_registrations r ON r.event_id = e.id AND r.checked_in_at IS NOT NULL
         WHERE t.programme_id = $1 AND e.status = 'published'
         GROUP BY e.id, e.slug, e.title, e.starts_at, e.attendance_reported
         ORDER BY e.starts_at DESC",
    )
    .bind(card.id)
    .fetch_all(db)
    .await?;
    let trainees = trainings.iter().map(|t| t.trainees).sum();
    Ok(Some(ProgrammePage {
        card,
        description_html: crate::markdown::render(&description),
        current,
        past,
        trainings,
        trainees,
        can_edit: false,
    }))
}

/// Saves programme `id` (0: a new one) as `input`; its id, or `None` for no such programme.
pub async fn save(
    db: &Db,
    id: i64,
    input: &ProgrammeInput,
    by: i64,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let id = if id == 0 {
        let mut slug = input.slug.clone();
        for n in 2.. {
            if !super::slug_taken(&mut tx, "incubator_programmes", &slug, 0).await? {
                break;
            }
            slug = format!("{}-{n}", input.slug);
        }
        sqlx::query_scalar(
            "INSERT INTO incubator_programmes (slug, name, summary, description, organiser,
                 created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(slug)
        .bind(&input.name)
        .bind(&input.summary)
        .bind(&input.description)
        .bind(&input.organiser)
        .bind(by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
    } else {
        let changed = sqlx::query(
            "UPDATE incubator_programmes SET name = $2, summary = $3, description = $4,
                 organiser = $5, updated_at = $6 WHERE id = $1",
        )
        .bind(id)
        .bind(&input.name)
        .bind(&input.summary)
        .bind(&input.description)
        .bind(&input.organiser)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() == 0 {
            return Ok(None);
        }
        id
    };
    super::audit::record(
        &mut tx,
        Some(by),
        "programme_saved",
        ("programme", id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Programme `id` as its editor shows it.
pub async fn editor(db: &Db, id: i64) -> sqlx::Result<Option<ProgrammeEditor>> {
    let row: Option<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT slug, name, summary, description, organiser FROM incubator_programmes WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    let Some((slug, name, summary, description, organiser)) = row else {
        return Ok(None);
    };
    let cohorts: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM incubator_cohorts WHERE programme_id = $1 ORDER BY starts_at DESC, id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let mut with_projects = Vec::with_capacity(cohorts.len());
    for (cohort, cohort_name) in cohorts {
        let names: Vec<String> = sqlx::query_scalar(
            "SELECT p.name FROM incubator_cohort_projects cp
             JOIN startup_projects p ON p.id = cp.project_id WHERE cp.cohort_id = $1 ORDER BY p.name",
        )
        .bind(cohort)
        .fetch_all(db)
        .await?;
        with_projects.push((cohort, cohort_name, names));
    }
    let trainings: Vec<String> = sqlx::query_scalar(
        "SELECT e.title FROM incubator_trainings t JOIN events e ON e.id = t.event_id
         WHERE t.programme_id = $1 ORDER BY e.starts_at DESC",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    Ok(Some(ProgrammeEditor {
        id,
        slug,
        form: ProgrammeForm {
            name,
            summary,
            description,
            organiser,
        },
        cohorts: with_projects,
        trainings,
    }))
}

/// Adds a cohort to programme `id`; `None` for no such programme.
pub async fn add_cohort(
    db: &Db,
    id: i64,
    input: &CohortInput,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT id FROM incubator_programmes WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    if exists.is_none() {
        return Ok(None);
    }
    let _turn = super::dialect::write_turn(db).await;
    let cohort = sqlx::query_scalar(
        "INSERT INTO incubator_cohorts (programme_id, name, starts_at, ends_at, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(id)
    .bind(&input.name)
    .bind(input.starts_at)
    .bind(input.ends_at)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(Some(cohort))
}

/// The path's last segment: a slug typed as is or as its page's address.
fn slug_of(typed: &str) -> &str {
    typed
        .trim()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
}

/// Puts published project `project` (its slug or address) in cohort `cohort` of programme
/// `id`. The field error's code when it cannot.
pub async fn add_project(
    db: &Db,
    (id, cohort): (i64, i64),
    project: &str,
) -> sqlx::Result<Result<(), &'static str>> {
    let cohort: Option<i64> =
        sqlx::query_scalar("SELECT id FROM incubator_cohorts WHERE id = $1 AND programme_id = $2")
            .bind(cohort)
            .bind(id)
            .fetch_optional(db)
            .await?;
    let Some(cohort) = cohort else {
        return Ok(Err("invalid_choice"));
    };
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM startup_projects WHERE slug = $1 AND status = 'published'",
    )
    .bind(slug_of(project))
    .fetch_optional(db)
    .await?;
    let Some(found) = found else {
        return Ok(Err("unknown_project"));
    };
    let _turn = super::dialect::write_turn(db).await;
    let added = sqlx::query(
        "INSERT INTO incubator_cohort_projects (cohort_id, project_id) VALUES ($1, $2)
         ON CONFLICT (cohort_id, project_id) DO NOTHING",
    )
    .bind(cohort)
    .bind(found)
    .execute(db)
    .await?;
    Ok(if added.rows_affected() == 0 {
        Err("already_in_cohort")
    } else {
        Ok(())
    })
}

/// Links training course `event` (its slug or address; a published event of the `training`
/// kind) to programme `id`. The field error's code when it cannot.
pub async fn link_training(
    db: &Db,
    id: i64,
    event: &str,
) -> sqlx::Result<Result<(), &'static str>> {
    let found: Option<(i64, String)> =
        sqlx::query_as("SELECT id, kind FROM events WHERE slug = $1 AND status = 'published'")
            .bind(slug_of(event))
            .fetch_optional(db)
            .await?;
    let Some((event, kind)) = found else {
        return Ok(Err("unknown_event"));
    };
    if kind != "training" {
        return Ok(Err("not_a_training"));
    }
    let _turn = super::dialect::write_turn(db).await;
    sqlx::query(
        "INSERT INTO incubator_trainings (programme_id, event_id) VALUES ($1, $2)
         ON CONFLICT (programme_id, event_id) DO NOTHING",
    )
    .bind(id)
    .bind(event)
    .execute(db)
    .await?;
    Ok(Ok(()))
}

/// Programmes' slugs and last change, for the sitemap.
pub async fn sitemap(db: &Db) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT slug, updated_at FROM incubator_programmes ORDER BY id")
        .fetch_all(db)
        .await
}
