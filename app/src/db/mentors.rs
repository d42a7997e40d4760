//! The mentor network: mentors' profiles and the directory (narrowed by expertise, sector,
//! language and hours left this month), the sessions projects ask for, the times mentors
//! propose and projects choose, and each side's private notes.

use super::Db;
use super::startups::owned_by;
use crate::domain::mentor::{MentorForm, MentorInput};
use crate::model::{MentorCard, MentorQuery, SessionItem, SessionPage};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    slug: String,
    name: String,
    headline: String,
    hours_per_month: i64,
    available: i64,
    booked: i64,
}

/// The first instant of the Vietnamese month holding `now`, and of the next.
fn month_bounds(now: i64) -> (i64, i64) {
    use crate::domain::{days_from_civil, vietnam_day};

    let (y, m, _) = crate::domain::time::civil_from_days(vietnam_day(now));
    let start = days_from_civil(y, m, 1);
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let end = days_from_civil(ny, nm, 1);
    let offset = 7 * 3_600_000;
    (start * 86_400_000 - offset, end * 86_400_000 - offset)
}

/// The card columns, `m` the mentor, with sessions scheduled in the month `$1`..`$2`.
const CARD: &str = "SELECT m.id, m.slug, m.name, m.headline, m.hours_per_month, m.available, \
     (SELECT COUNT(*) FROM mentor_sessions s WHERE s.mentor_id = m.id \
      AND s.status IN ('scheduled', 'done') AND s.scheduled_at >= $1 AND s.scheduled_at < $2) \
     AS booked FROM mentors m";

/// `rows` with their tags.
async fn cards(db: &Db, rows: Vec<Row>) -> sqlx::Result<Vec<MentorCard>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let tags: Vec<(i64, String, String)> = sqlx::query_as(&format!(
        "SELECT mentor_id, facet, code FROM mentor_tags WHERE mentor_id IN ({})
         ORDER BY mentor_id, facet, code",
        super::id_list(rows.iter().map(|r| r.id))
    ))
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let of = |facet: &str| -> Vec<String> {
                tags.iter()
                    .filter(|(id, f, _)| *id == r.id && f == facet)
                    .map(|(_, _, code)| code.clone())
                    .collect()
            };
            MentorCard {
                expertise: of("expertise"),
                sectors: of("sector"),
                languages: of("language"),
                available: r.available == 1 && r.booked < r.hours_per_month,
                id: r.id,
                slug: r.slug,
                name: r.name,
                headline: r.headline,
                hours_per_month: r.hours_per_month,
                booked: r.booked,
            }
        })
        .collect())
}

/// The mentors `query` narrows to at `now` (available ones first, then by name), and how many
/// mentors the network has.
pub async fn directory(
    db: &Db,
    query: &MentorQuery,
    now: i64,
) -> sqlx::Result<(Vec<MentorCard>, i64)> {
    let (start, end) = month_bounds(now);
    let mut sql = format!("{CARD} WHERE 1 = 1");
    let mut binds = Vec::new();
    for (facet, code) in [
        ("expertise", &query.expertise),
        ("sector", &query.sector),
        ("language", &query.language),
    ] {
        if !code.is_empty() {
            binds.push(code.clone());
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM mentor_tags t WHERE t.mentor_id = m.id \
                 AND t.facet = '{facet}' AND t.code = ${})",
                binds.len() + 2
            ));
        }
    }
    sql.push_str(" ORDER BY m.name, m.id");
    let mut q = sqlx::query_as::<_, Row>(&sql).bind(start).bind(end);
    for code in &binds {
        q = q.bind(code);
    }
    let rows = q.fetch_all(db).await?;
    let mut found = cards(db, rows).await?;
    if query.available == "1" {
        found.retain(|m| m.available);
    }
    // Those with hours left first, keeping the names' order.
    found.sort_by_key(|m| !m.available);
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mentors")
        .fetch_one(db)
        .await?;
    Ok((found, total))
}

/// Mentor `slug`'s card and biography at `now`.
pub async fn by_slug(
    db: &Db,
    slug: &str,
    now: i64,
) -> sqlx::Result<Option<(MentorCard, String, i64)>> {
    let (start, end) = month_bounds(now);
    let row: Option<Row> = sqlx::query_as(&format!("{CARD} WHERE m.slug = $3"))
        .bind(start)
        .bind(end)
        .bind(slug)
        .fetch_optional(db)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let (bio, user): (String, i64) =
        sqlx::query_as("SELECT bio, user_id FROM mentors WHERE id = $1")
            .bind(row.id)
            .fetch_one(db)
            .await?;
    let card = cards(db, vec![row]).await?.remove(0);
    Ok(Some((card, bio, user)))
}

/// Saves `user`'s mentor profile (made anew or changed).
pub async fn save(db: &Db, user: i64, input: &MentorInput, now: i64) -> sqlx::Result<i64> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM mentors WHERE user_id = $1")
        .bind(user)
        .fetch_optional(&mut *tx)
        .await?;
    let available = i64::from(input.available);
    let id = match existing {
        Some(id) => {
            sqlx::query(
                "UPDATE mentors SET name = $2, headline = $3, bio = $4, hours_per_month = $5,
                     available = $6, updated_at = $7 WHERE id = $1",
            )
            .bind(id)
            .bind(&input.name)
            .bind(&input.headline)
            .bind(&input.bio)
            .bind(input.hours)
            .bind(available)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            id
        }
        None => {
            let mut slug = input.slug.clone();
            for n in 2.. {
                if !super::slug_taken(&mut tx, "mentors", &slug, 0).await? {
                    break;
                }
                slug = format!("{}-{n}", input.slug);
            }
            sqlx::query_scalar(
                "INSERT INTO mentors (user_id, slug, name, headline, bio, hours_per_month,
                     available, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
            )
            .bind(user)
            .bind(slug)
            .bind(&input.name)
            .bind(&input.headline)
            .bind(&input.bio)
            .bind(input.hours)
            .bind(available)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?
        }
    };
    sqlx::query("DELETE FROM mentor_tags WHERE mentor_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let tags = input
        .expertise
        .iter()
        .map(|c| ("expertise", *c))
        .chain(input.sectors.iter().map(|c| ("sector", *c)))
        .chain(input.languages.iter().map(|c| ("language", *c)));
    for (facet, code) in tags {
        sqlx::query("INSERT INTO mentor_tags (mentor_id, facet, code) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(facet)
            .bind(code)
            .execute(&mut *tx)
            .await?;
    }
    super::audit::record(&mut tx, Some(user), "mentor_saved", ("mentor", id), "", now).await?;
    tx.commit().await?;
    Ok(id)
}

/// `user`'s mentor profile as its form shows it, and its slug.
pub async fn editor(db: &Db, user: i64) -> sqlx::Result<Option<(MentorForm, String)>> {
    let row: Option<(i64, String, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, slug, name, headline, bio, hours_per_month, available
         FROM mentors WHERE user_id = $1",
    )
    .bind(user)
    .fetch_optional(db)
    .await?;
    let Some((id, slug, name, headline, bio, hours, available)) = row else {
        return Ok(None);
    };
    let tags: Vec<(String, String)> =
        sqlx::query_as("SELECT facet, code FROM mentor_tags WHERE mentor_id = $1")
            .bind(id)
            .fetch_all(db)
            .await?;
    let of = |facet: &str| -> Vec<String> {
        tags.iter()
            .filter(|(f, _)| f == facet)
            .map(|(_, c)| c.clone())
            .collect()
    };
    Ok(Some((
        MentorForm {
            name,
            headline,
            bio,
            hours: hours.to_string(),
            expertise: of("expertise"),
            sectors: of("sector"),
            languages: of("language"),
            available: if available == 1 { "1" } else { "" }.to_owned(),
        },
        slug,
    )))
}

/// `user`'s mentor profile's slug, if they mentor.
pub async fn slug_of(db: &Db, user: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT slug FROM mentors WHERE user_id = $1")
        .bind(user)
        .fetch_optional(db)
        .await
}

/// [`SessionItem`]'s columns, `s` the session, `m` its mentor, `p` its project.
const ITEM: &str = "SELECT s.id, m.name, m.slug, p.name, p.slug, s.topic, s.status, s.asked_for, \
     s.scheduled_at, m.user_id FROM mentor_sessions s JOIN mentors m ON m.id = s.mentor_id \
     JOIN startup_projects p ON p.id = s.project_id";

type ItemRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    Option<i64>,
    i64,
);

fn item(row: ItemRow, user: i64) -> SessionItem {
    let (
        id,
        mentor_name,
        mentor_slug,
        project_name,
        project_slug,
        topic,
        status,
        asked_for,
        scheduled_at,
        mentor_user,
    ) = row;
    SessionItem {
        id,
        mentor_name,
        mentor_slug,
        project_name,
        project_slug,
        topic,
        status,
        asked_for,
        scheduled_at,
        mentor_side: mentor_user == user,
    }
}

/// The sessions `user` is a side of (as the mentor or an owner of the project), newest first;
/// with `mentor`, only those with that mentor.
pub async fn sessions(db: &Db, user: i64, mentor: Option<i64>) -> sqlx::Result<Vec<SessionItem>> {
    let rows: Vec<ItemRow> = sqlx::query_as(&format!(
        "{ITEM} WHERE (m.user_id = $1 OR {}) AND ($2 = 0 OR s.mentor_id = $2)
         ORDER BY s.created_at DESC, s.id DESC",
        owned_by(1)
    ))
    .bind(user)
    .bind(mentor.unwrap_or(0))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|row| item(row, user)).collect())
}

/// The published projects `user` owns, to ask a mentor with.
pub async fn own_projects(db: &Db, user: i64) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(&format!(
        "SELECT p.id, p.name FROM startup_projects p WHERE p.status = 'published' AND {}
         ORDER BY p.name",
        owned_by(1)
    ))
    .bind(user)
    .fetch_all(db)
    .await
}

/// Why a session was not asked for.
#[derive(Debug, thiserror::Error)]
pub enum AskError {
    #[error("no such mentor")]
    NoMentor,
    /// The mentor takes no requests, or has no hours left this month.
    #[error("unavailable")]
    Unavailable,
    /// Not a published project of the member's.
    #[error("not their project")]
    NotTheirs,
    /// The member asks themselves.
    #[error("themselves")]
    Themselves,
    /// A request of this project to this mentor is still open.
    #[error("already asked")]
    Open,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// What a project asks of a mentor.
pub struct Ask<'a> {
    pub mentor: i64,
    pub project: i64,
    pub topic: &'a str,
    pub message: &'a str,
    pub asked_for: i64,
}

/// `user` asks mentor `ask.mentor` for a session for their project. The session's id and the
/// mentor's member, to tell.
pub async fn ask(db: &Db, user: i64, ask: &Ask<'_>, now: i64) -> Result<(i64, i64), AskError> {
    let (start, end) = month_bounds(now);
    let row: Option<Row> = sqlx::query_as(&format!("{CARD} WHERE m.id = $3"))
        .bind(start)
        .bind(end)
        .bind(ask.mentor)
        .fetch_optional(db)
        .await?;
    let Some(row) = row else {
        return Err(AskError::NoMentor);
    };
    let mentor_user: i64 = sqlx::query_scalar("SELECT user_id FROM mentors WHERE id = $1")
        .bind(ask.mentor)
        .fetch_one(db)
        .await?;
    if mentor_user == user {
        return Err(AskError::Themselves);
    }
    if row.available != 1 || row.booked >= row.hours_per_month {
        return Err(AskError::Unavailable);
    }
    if !own_projects(db, user)
        .await?
        .iter()
        .any(|(id, _)| *id == ask.project)
    {
        return Err(AskError::NotTheirs);
    }
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let open: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM mentor_sessions WHERE mentor_id = $1 AND project_id = $2
             AND status IN ('requested', 'proposed')",
    )
    .bind(ask.mentor)
    .bind(ask.project)
    .fetch_optional(&mut *tx)
    .await?;
    if open.is_some() {
        return Err(AskError::Open);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO mentor_sessions (mentor_id, project_id, requested_by, topic, message,
             asked_for, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(ask.mentor)
    .bind(ask.project)
    .bind(user)
    .bind(ask.topic)
    .bind(ask.message)
    .bind(ask.asked_for)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    super::audit::record(
        &mut tx,
        Some(user),
        "session_asked",
        ("mentor_session", id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((id, mentor_user))
}

/// Session `id` as `user`, one of its sides, sees it at `now`.
pub async fn session(db: &Db, id: i64, user: i64, now: i64) -> sqlx::Result<Option<SessionPage>> {
    let row: Option<ItemRow> = sqlx::query_as(&format!(
        "{ITEM} WHERE s.id = $2 AND (m.user_id = $1 OR {})",
        owned_by(1)
    ))
    .bind(user)
    .bind(id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let item = item(row, user);
    let message: String = sqlx::query_scalar("SELECT message FROM mentor_sessions WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await?;
    let proposed: Vec<i64> = sqlx::query_scalar(
        "SELECT starts_at FROM mentor_session_times WHERE session_id = $1 ORDER BY starts_at",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let contact: Option<(String, String)> = if item.status == "scheduled" || item.status == "done" {
        sqlx::query_as(if item.mentor_side {
            "SELECT u.display_name, u.email FROM mentor_sessions s
             JOIN users u ON u.id = s.requested_by WHERE s.id = $1"
        } else {
            "SELECT u.display_name, u.email FROM mentor_sessions s
             JOIN mentors m ON m.id = s.mentor_id JOIN users u ON u.id = m.user_id WHERE s.id = $1"
        })
        .bind(id)
        .fetch_optional(db)
        .await?
    } else {
        None
    };
    let note: Option<String> = sqlx::query_scalar(
        "SELECT body FROM mentor_session_notes WHERE session_id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user)
    .fetch_optional(db)
    .await?;
    Ok(Some(SessionPage {
        item,
        message,
        proposed,
        contact,
        note: note.unwrap_or_default(),
        now,
    }))
}

/// What a side does to a session.
pub enum Step<'a> {
    /// The mentor proposes these times.
    Propose(&'a [i64]),
    /// The mentor declines.
    Decline,
    /// The project chooses one of the times proposed.
    Choose(i64),
    /// Either side: it happened.
    Done,
    /// Either side calls it off.
    Cancel,
}

/// `user` takes `step` on session `id` at `now`: the new status and the other side's member,
/// to tell; `None` when it is not theirs to take now.
pub async fn step(
    db: &Db,
    id: i64,
    user: i64,
    step: Step<'_>,
    now: i64,
) -> sqlx::Result<Option<(&'static str, i64)>> {
    let Some(page) = session(db, id, user, now).await? else {
        return Ok(None);
    };
    let mentor = page.item.mentor_side;
    let status = page.item.status.as_str();
    let to = match (&step, mentor, status) {
        (Step::Propose(times), true, "requested" | "proposed") if !times.is_empty() => "proposed",
        (Step::Decline, true, "requested" | "proposed") => "declined",
        (Step::Choose(at), false, "proposed") if page.proposed.contains(at) && *at > now => {
            "scheduled"
        }
        (Step::Done, _, "scheduled") if page.item.scheduled_at.is_some_and(|at| at <= now) => {
            "done"
        }
        (Step::Cancel, _, "requested" | "proposed" | "scheduled") => "cancelled",
        _ => return Ok(None),
    };
    let (requester, mentor_user): (Option<i64>, i64) = sqlx::query_as(
        "SELECT s.requested_by, m.user_id FROM mentor_sessions s
         JOIN mentors m ON m.id = s.mentor_id WHERE s.id = $1",
    )
    .bind(id)
    .fetch_one(db)
    .await?;
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    if let Step::Propose(times) = step {
        sqlx::query("DELETE FROM mentor_session_times WHERE session_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for at in times {
            sqlx::query("INSERT INTO mentor_session_times (session_id, starts_at) VALUES ($1, $2)")
                .bind(id)
                .bind(at)
                .execute(&mut *tx)
                .await?;
        }
    }
    let scheduled = match step {
        Step::Choose(at) => Some(at),
        _ => page.item.scheduled_at,
    };
    sqlx::query(
        "UPDATE mentor_sessions SET status = $2, scheduled_at = $3, updated_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(to)
    .bind(scheduled)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    super::audit::record(
        &mut tx,
        Some(user),
        "session_moved",
        ("mentor_session", id),
        to,
        now,
    )
    .await?;
    tx.commit().await?;
    let other = if mentor {
        requester.unwrap_or(mentor_user)
    } else {
        mentor_user
    };
    Ok(Some((to, other)))
}

/// `user`, a side of session `id`, keeps `body` as their private note on it. Whether they may.
pub async fn save_note(db: &Db, id: i64, user: i64, body: &str, now: i64) -> sqlx::Result<bool> {
    if session(db, id, user, now).await?.is_none() {
        return Ok(false);
    }
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    sqlx::query("DELETE FROM mentor_session_notes WHERE session_id = $1 AND user_id = $2")
        .bind(id)
        .bind(user)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO mentor_session_notes (session_id, user_id, body, updated_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(user)
    .bind(body)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Mentors' slugs and last change, for the sitemap.
pub async fn sitemap(db: &Db) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT slug, updated_at FROM mentors ORDER BY id")
        .fetch_all(db)
        .await
}
