//! Calls for applications: opened by approved funds and public programmes, applied to by the
//! owners of published projects (once per project, before the deadline), and moved through
//! their statuses by the funder, who can also take them away as CSV.

use super::Db;
use super::startups::owned_by;
use crate::domain::funding_call::{CallForm, CallInput, next_statuses};
use crate::model::{CallApplication, CallCard, CallDesk, CallPage, OwnApplication};

/// [`CallCard`]'s columns, `c` the call, `v` its funder.
const CARD: &str = "SELECT c.id, c.slug, c.title, c.summary, v.name AS funder, \
     v.slug AS funder_slug, v.kind AS funder_kind, c.deadline, c.budget, \
     (SELECT COUNT(*) FROM call_applications a WHERE a.call_id = c.id) AS applications \
     FROM funding_calls c JOIN investors v ON v.id = c.investor_id";

/// The investor profile through which `user` opens calls: an approved fund or public
/// programme (angels and corporates invest, they do not run calls).
pub async fn funder(db: &Db, user: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM investors
         WHERE user_id = $1 AND status = 'approved' AND kind IN ('fund', 'public')",
    )
    .bind(user)
    .fetch_optional(db)
    .await
}

/// Saves call `id` (0: a new one) of funder `investor` as `input`. The call's id; `None`
/// when `id` is not theirs.
pub async fn save(
    db: &Db,
    id: i64,
    investor: i64,
    input: &CallInput,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let id = if id == 0 {
        let mut slug = input.slug.clone();
        for n in 2.. {
            if !super::slug_taken(&mut tx, "funding_calls", &slug, 0).await? {
                break;
            }
            slug = format!("{}-{n}", input.slug);
        }
        sqlx::query_scalar(
            "INSERT INTO funding_calls (slug, investor_id, title, summary, description,
                 eligibility, deadline, budget, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(slug)
        .bind(investor)
        .bind(&input.title)
        .bind(&input.summary)
        .bind(&input.description)
        .bind(&input.eligibility)
        .bind(input.deadline)
        .bind(input.budget)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
    } else {
        let changed = sqlx::query(
            "UPDATE funding_calls SET title = $3, summary = $4, description = $5,
                 eligibility = $6, deadline = $7, budget = $8, updated_at = $9
             WHERE id = $1 AND investor_id = $2",
        )
        .bind(id)
        .bind(investor)
        .bind(&input.title)
        .bind(&input.summary)
        .bind(&input.description)
        .bind(&input.eligibility)
        .bind(input.deadline)
        .bind(input.budget)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() == 0 {
            return Ok(None);
        }
        id
    };
    sqlx::query("DELETE FROM funding_call_questions WHERE call_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for (position, question) in input.questions.iter().enumerate() {
        sqlx::query(
            "INSERT INTO funding_call_questions (call_id, position, question) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(question)
        .execute(&mut *tx)
        .await?;
    }
    super::audit::record(&mut tx, None, "call_saved", ("funding_call", id), "", now).await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Call `id`'s questions, in order.
async fn questions(db: &Db, id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT question FROM funding_call_questions WHERE call_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// Call `id` as its form shows it, with its slug, for funder `investor`.
pub async fn editor(db: &Db, id: i64, investor: i64) -> sqlx::Result<Option<(String, CallForm)>> {
    #[derive(sqlx::FromRow)]
    struct Stored {
        slug: String,
        title: String,
        summary: String,
        description: String,
        eligibility: String,
        deadline: i64,
        budget: Option<i64>,
    }
    let row: Option<Stored> = sqlx::query_as(
        "SELECT slug, title, summary, description, eligibility, deadline, budget
         FROM funding_calls WHERE id = $1 AND investor_id = $2",
    )
    .bind(id)
    .bind(investor)
    .fetch_optional(db)
    .await?;
    let Some(Stored {
        slug,
        title,
        summary,
        description,
        eligibility,
        deadline,
        budget,
    }) = row
    else {
        return Ok(None);
    };
    let questions = questions(db, id).await?.join("\n");
    Ok(Some((
        slug,
        CallForm {
            title,
            summary,
            description,
            eligibility,
            questions,
            // The deadline's day: the instant is the end of it, so a millisecond before.
            deadline: crate::domain::iso_date(crate::domain::vietnam_day(deadline - 1)),
            budget: budget
                .map(crate::domain::money_grouping)
                .unwrap_or_default(),
        },
    )))
}

/// The calls open at `now` (closing soonest first) and closed (latest deadline first).
pub async fn list(db: &Db, now: i64) -> sqlx::Result<(Vec<CallCard>, Vec<CallCard>)> {
    let open = sqlx::query_as(&format!(
        "{CARD} WHERE c.deadline > $1 ORDER BY c.deadline, c.id"
    ))
    .bind(now)
    .fetch_all(db)
    .await?;
    let closed = sqlx::query_as(&format!(
        "{CARD} WHERE c.deadline <= $1 ORDER BY c.deadline DESC, c.id DESC LIMIT 50"
    ))
    .bind(now)
    .fetch_all(db)
    .await?;
    Ok((open, closed))
}

/// The calls funder `investor` opened, latest deadline first.
pub async fn of_funder(db: &Db, investor: i64) -> sqlx::Result<Vec<CallCard>> {
    sqlx::query_as(&format!(
        "{CARD} WHERE c.investor_id = $1 ORDER BY c.deadline DESC, c.id DESC"
    ))
    .bind(investor)
    .fetch_all(db)
    .await
}

/// [`OwnApplication`]'s columns, `a` the application, `c` its call, `p` its project.
const OWN_APPLICATION: &str = "SELECT a.id, c.title AS call_title, c.slug AS call_slug, \
     p.name AS project_name, p.slug AS project_slug, a.status, a.decline_reason, a.created_at, \
     a.moved_at FROM call_applications a JOIN funding_calls c ON c.id = a.call_id \
     JOIN startup_projects p ON p.id = a.project_id";

/// The applications of the projects `user` owns, newest first.
pub async fn own_applications(db: &Db, user: i64) -> sqlx::Result<Vec<OwnApplication>> {
    sqlx::query_as(&format!(
        "{OWN_APPLICATION} WHERE {} ORDER BY a.created_at DESC, a.id DESC",
        owned_by(1)
    ))
    .bind(user)
    .fetch_all(db)
    .await
}

/// Call `slug` as `user` (if signed in) sees it at `now`.
pub async fn page(
    db: &Db,
    slug: &str,
    user: Option<i64>,
    now: i64,
) -> sqlx::Result<Option<CallPage>> {
    let card: Option<CallCard> = sqlx::query_as(&format!("{CARD} WHERE c.slug = $1"))
        .bind(slug)
        .fetch_optional(db)
        .await?;
    let Some(card) = card else { return Ok(None) };
    let (description, eligibility): (String, String) =
        sqlx::query_as("SELECT description, eligibility FROM funding_calls WHERE id = $1")
            .bind(card.id)
            .fetch_one(db)
            .await?;
    let (projects, applied, funder) = match user {
        Some(user) => {
            let projects: Vec<(i64, String)> = sqlx::query_as(&format!(
                "SELECT p.id, p.name FROM startup_projects p
                 WHERE p.status = 'published' AND {}
                   AND NOT EXISTS (SELECT 1 FROM call_applications a
                                   WHERE a.call_id = $2 AND a.project_id = p.id)
                 ORDER BY p.name",
                owned_by(1)
            ))
            .bind(user)
            .bind(card.id)
            .fetch_all(db)
            .await?;
            let applied: Vec<OwnApplication> = sqlx::query_as(&format!(
                "{OWN_APPLICATION} WHERE a.call_id = $2 AND {} ORDER BY a.id",
                owned_by(1)
            ))
            .bind(user)
            .bind(card.id)
            .fetch_all(db)
            .await?;
            let funder = is_funder_of(db, card.id, user).await?;
            (projects, applied, funder)
        }
        None => (Vec::new(), Vec::new(), false),
    };
    Ok(Some(CallPage {
        description_html: crate::markdown::render(&description),
        eligibility,
        questions: questions(db, card.id).await?,
        open: card.deadline > now,
        signed_in: user.is_some(),
        projects,
        applied,
        funder,
        card,
    }))
}

/// Whether `user` is the funder who opened call `id`.
async fn is_funder_of(db: &Db, id: i64, user: i64) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT c.id FROM funding_calls c JOIN investors v ON v.id = c.investor_id
         WHERE c.id = $1 AND v.user_id = $2",
    )
    .bind(id)
    .bind(user)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// Why an application was refused.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("no such call")]
    NoCall,
    /// The deadline has passed.
    #[error("closed")]
    Closed,
    /// The project is not a published one the member owns.
    #[error("not their project")]
    NotTheirs,
    /// This project applied to this call already.
    #[error("twice")]
    Twice,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Call `id`'s questions and deadline, if it exists.
pub async fn questions_of(db: &Db, id: i64) -> sqlx::Result<Option<(Vec<String>, i64)>> {
    let deadline: Option<i64> =
        sqlx::query_scalar("SELECT deadline FROM funding_calls WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    match deadline {
        Some(deadline) => Ok(Some((questions(db, id).await?, deadline))),
        None => Ok(None),
    }
}

/// `user` applies to call `call` with published project `project` they own, answering the
/// call's questions with `answers` (checked, in order). The application's id and the funder's
/// member, to tell.
pub async fn apply(
    db: &Db,
    (call, project): (i64, i64),
    user: i64,
    answers: &[String],
    now: i64,
) -> Result<(i64, i64), ApplyError> {
    let Some((questions, deadline)) = questions_of(db, call).await? else {
        return Err(ApplyError::NoCall);
    };
    if deadline <= now {
        return Err(ApplyError::Closed);
    }
    let published: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT p.id FROM startup_projects p WHERE p.id = $2 AND p.status = 'published' AND {}",
        owned_by(1)
    ))
    .bind(user)
    .bind(project)
    .fetch_optional(db)
    .await?;
    if published.is_none() {
        return Err(ApplyError::NotTheirs);
    }
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let before: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM call_applications WHERE call_id = $1 AND project_id = $2",
    )
    .bind(call)
    .bind(project)
    .fetch_optional(&mut *tx)
    .await?;
    if before.is_some() {
        return Err(ApplyError::Twice);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO call_applications (call_id, project_id, applicant_id, moved_at, created_at)
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(call)
    .bind(project)
    .bind(user)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for (position, (question, answer)) in questions.iter().zip(answers).enumerate() {
        sqlx::query(
            "INSERT INTO call_answers (application_id, position, question, answer)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(question)
        .bind(answer)
        .execute(&mut *tx)
        .await?;
    }
    let funder: i64 = sqlx::query_scalar(
        "SELECT v.user_id FROM funding_calls c JOIN investors v ON v.id = c.investor_id
         WHERE c.id = $1",
    )
    .bind(call)
    .fetch_one(&mut *tx)
    .await?;
    super::audit::record(
        &mut tx,
        Some(user),
        "call_applied",
        ("call_application", id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((id, funder))
}

/// Call `id`'s applications for funder `investor`: `None` when the call is not theirs.
pub async fn desk(db: &Db, id: i64, investor: i64) -> sqlx::Result<Option<CallDesk>> {
    let card: Option<CallCard> =
        sqlx::query_as(&format!("{CARD} WHERE c.id = $1 AND c.investor_id = $2"))
            .bind(id)
            .bind(investor)
            .fetch_optional(db)
            .await?;
    let Some(card) = card else { return Ok(None) };
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        i64,
        String,
        String,
        String,
        String,
        Option<String>,
        i64,
        i64,
    )> = sqlx::query_as(
        "SELECT a.id, p.name, p.slug, COALESCE(s.name, u.display_name), a.status,
                    a.decline_reason, a.created_at, a.moved_at
             FROM call_applications a JOIN startup_projects p ON p.id = a.project_id
             JOIN users u ON u.id = p.owner_id LEFT JOIN stalls s ON s.id = p.stall_id
             WHERE a.call_id = $1 ORDER BY a.created_at, a.id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let answers: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT w.application_id, w.question, w.answer FROM call_answers w
         JOIN call_applications a ON a.id = w.application_id
         WHERE a.call_id = $1 ORDER BY w.application_id, w.position",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let applications = rows
        .into_iter()
        .map(
            |(
                app,
                project_name,
                project_slug,
                presenter,
                status,
                decline_reason,
                created,
                moved,
            )| {
                CallApplication {
                    id: app,
                    project_name,
                    project_slug,
                    presenter,
                    status,
                    decline_reason,
                    created_at: created,
                    moved_at: moved,
                    answers: answers
                        .iter()
                        .filter(|(of, _, _)| *of == app)
                        .map(|(_, q, a)| (q.clone(), a.clone()))
                        .collect(),
                }
            },
        )
        .collect();
    Ok(Some(CallDesk { card, applications }))
}

/// Why an application was not moved.
#[derive(Debug, thiserror::Error)]
pub enum MoveError {
    /// Not an application to one of the funder's calls.
    #[error("not found")]
    NotFound,
    /// Not a status it may move to from where it is.
    #[error("not now")]
    NotNow,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Funder `investor` moves application `id` to `to` (with `reason` when declined). The
/// applicant and the call's title, to tell.
pub async fn move_application(
    db: &Db,
    id: i64,
    investor: i64,
    to: &str,
    reason: Option<&str>,
    now: i64,
) -> Result<(Option<i64>, String, String), MoveError> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let row: Option<(String, Option<i64>, String, String)> = sqlx::query_as(
        "SELECT a.status, a.applicant_id, c.title, p.name FROM call_applications a
         JOIN funding_calls c ON c.id = a.call_id JOIN startup_projects p ON p.id = a.project_id
         WHERE a.id = $1 AND c.investor_id = $2",
    )
    .bind(id)
    .bind(investor)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((from, applicant, title, project)) = row else {
        return Err(MoveError::NotFound);
    };
    if !next_statuses(&from).contains(&to) {
        return Err(MoveError::NotNow);
    }
    sqlx::query(
        "UPDATE call_applications SET status = $2, decline_reason = $3, moved_at = $4
         WHERE id = $1",
    )
    .bind(id)
    .bind(to)
    .bind(if to == "declined" { reason } else { None })
    .bind(now)
    .execute(&mut *tx)
    .await?;
    super::audit::record(
        &mut tx,
        None,
        "call_application_moved",
        ("call_application", id),
        to,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((applicant, title, project))
}

/// Call `id`'s applications as CSV for funder `investor`, one row an application with its
/// answers in the questions' columns; `None` when the call is not theirs.
pub async fn applications_csv(db: &Db, id: i64, investor: i64) -> sqlx::Result<Option<String>> {
    use super::auctions::csv_field;

    let Some(desk) = desk(db, id, investor).await? else {
        return Ok(None);
    };
    let questions = questions(db, id).await?;
    let mut header = vec![
        "application".to_owned(),
        "project".to_owned(),
        "presenter".to_owned(),
        "page".to_owned(),
        "status".to_owned(),
        "decline_reason".to_owned(),
        "applied_at".to_owned(),
        "moved_at".to_owned(),
    ];
    header.extend(questions.iter().cloned());
    let mut csv = header
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    csv.push_str("\r\n");
    for a in desk.applications {
        let mut fields = vec![
            a.id.to_string(),
            a.project_name,
            a.presenter,
            format!("/startups/{}", a.project_slug),
            a.status,
            a.decline_reason.unwrap_or_default(),
            crate::domain::format_vietnam_datetime(a.created_at),
            crate::domain::format_vietnam_datetime(a.moved_at),
        ];
        fields.extend(a.answers.into_iter().map(|(_, answer)| answer));
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        csv.push_str(&line.join(","));
        csv.push_str("\r\n");
    }
    Ok(Some(csv))
}

/// The calls' slugs and last change, for the sitemap.
pub async fn sitemap(db: &Db) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT slug, updated_at FROM funding_calls ORDER BY id")
        .fetch_all(db)
        .await
}
