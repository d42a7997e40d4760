//! Investors meet projects: the published projects that fit an approved investor's focus
//! (scored by `domain::startup_match`), the introductions investors ask for and the projects'
//! owners accept or decline, and the conversation an accepted one opens.

use super::Db;
use super::startups::owned_by;
use crate::domain::matching::Reason;
use crate::domain::startup::InvestorKind;
use crate::domain::startup_match::{Facts, Focus, INTRO_PER_DAY, score};
use crate::model::{IntroMessage, IntroThread, ProjectMatch, StartupIntro};

/// Approved investor `user`'s profile id and focus; `None` for anyone else.
pub async fn focus(db: &Db, user: i64) -> sqlx::Result<Option<(i64, Focus)>> {
    let row: Option<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT id, kind, ticket_min, ticket_max FROM investors
         WHERE user_id = $1 AND status = 'approved'",
    )
    .bind(user)
    .fetch_optional(db)
    .await?;
    let Some((id, kind, ticket_min, ticket_max)) = row else {
        return Ok(None);
    };
    let facets: Vec<(String, String)> =
        sqlx::query_as("SELECT facet, code FROM investor_focus WHERE investor_id = $1")
            .bind(id)
            .fetch_all(db)
            .await?;
    let of = |facet: &str| -> Vec<String> {
        facets
            .iter()
            .filter(|(f, _)| f == facet)
            .map(|(_, code)| code.clone())
            .collect()
    };
    Ok(Some((
        id,
        Focus {
            kind: InvestorKind::parse(&kind),
            sectors: of("sector"),
            stages: of("stage"),
            provinces: of("province"),
            ticket_min,
            ticket_max,
        },
    )))
}

#[derive(sqlx::FromRow)]
struct FactsRow {
    id: i64,
    sector_code: String,
    stage: String,
    province_code: String,
    funding_sought: i64,
    funding_kind: String,
}

impl FactsRow {
    fn facts(self) -> (i64, Facts) {
        (
            self.id,
            Facts {
                sector: self.sector_code,
                stage: self.stage,
                province: self.province_code,
                funding_sought: self.funding_sought,
                funding_kind: self.funding_kind,
            },
        )
    }
}

const FACTS: &str = "SELECT p.id, p.sector_code, p.stage, p.province_code, p.funding_sought, \
     p.funding_kind FROM startup_projects p";

/// The `limit` published projects that fit approved investor `user`'s focus best (never their
/// own), with the status of each introduction asked, and how many published projects were
/// weighed. `None` when `user` is no approved investor.
pub async fn matches(
    db: &Db,
    user: i64,
    limit: usize,
) -> sqlx::Result<Option<(Vec<ProjectMatch>, i64)>> {
    let Some((investor, focus)) = focus(db, user).await? else {
        return Ok(None);
    };
    let rows: Vec<FactsRow> = sqlx::query_as(&format!(
        "{FACTS} WHERE p.status = 'published' AND NOT {}",
        owned_by(1)
    ))
    .bind(user)
    .fetch_all(db)
    .await?;
    let considered = rows.len() as i64;
    let mut scored: Vec<(i64, f64, Vec<Reason>)> = rows
        .into_iter()
        .filter_map(|row| {
            let (id, facts) = row.facts();
            score(&focus, &facts).map(|(s, reasons)| (id, s, reasons))
        })
        .collect();
    // Best first; among equals, the newest project.
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
    scored.truncate(limit);
    let ids: Vec<i64> = scored.iter().map(|(id, _, _)| *id).collect();
    let cards = super::startups::cards(db, &ids).await?;
    let asked: Vec<(i64, String)> = if ids.is_empty() {
        Vec::new()
    } else {
        sqlx::query_as(&format!(
            "SELECT project_id, status FROM startup_introductions
             WHERE investor_id = $1 AND project_id IN ({})",
            super::id_list(ids.iter().copied())
        ))
        .bind(investor)
        .fetch_all(db)
        .await?
    };
    let mut by_id: std::collections::HashMap<i64, (f64, Vec<Reason>)> = scored
        .into_iter()
        .map(|(id, s, reasons)| (id, (s, reasons)))
        .collect();
    let found = cards
        .into_iter()
        .filter_map(|card| {
            let (score, reasons) = by_id.remove(&card.id)?;
            let introduction = asked
                .iter()
                .find(|(project, _)| *project == card.id)
                .map(|(_, status)| status.clone());
            Some(ProjectMatch {
                card,
                score,
                reasons,
                introduction,
            })
        })
        .collect();
    Ok(Some((found, considered)))
}

/// How published project `project` fits approved investor `user`'s focus: `None` when it does
/// not (or `user` is no approved investor).
pub async fn fit(db: &Db, user: i64, project: i64) -> sqlx::Result<Option<(f64, Vec<Reason>)>> {
    let Some((_, focus)) = focus(db, user).await? else {
        return Ok(None);
    };
    let row: Option<FactsRow> = sqlx::query_as(&format!(
        "{FACTS} WHERE p.id = $1 AND p.status = 'published'"
    ))
    .bind(project)
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|row| score(&focus, &row.facts().1)))
}

/// Why an introduction was not asked for.
#[derive(Debug, thiserror::Error)]
pub enum AskError {
    /// The member is no approved investor.
    #[error("not an approved investor")]
    NotInvestor,
    /// The project is not published.
    #[error("project not published")]
    NotPublished,
    /// The project is the member's own (or their stall's).
    #[error("own project")]
    OwnProject,
    /// This investor asked to be introduced to this project already.
    #[error("already asked")]
    AlreadyAsked,
    /// [`INTRO_PER_DAY`] introductions in the last 24 hours.
    #[error("too many")]
    TooMany,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Approved investor `user` asks to be introduced to published project `project` with
/// `message`. The introduction's id and the project's presenter, to tell.
pub async fn ask(
    db: &Db,
    user: i64,
    project: i64,
    message: &str,
    now: i64,
) -> Result<(i64, i64), AskError> {
    let own = super::startups::owns(db, project, user).await?;
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let investor: Option<i64> =
        sqlx::query_scalar("SELECT id FROM investors WHERE user_id = $1 AND status = 'approved'")
            .bind(user)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(investor) = investor else {
        return Err(AskError::NotInvestor);
    };
    let target: Option<(i64, String)> =
        sqlx::query_as("SELECT owner_id, status FROM startup_projects WHERE id = $1")
            .bind(project)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((owner, status)) = target else {
        return Err(AskError::NotPublished);
    };
    if own {
        return Err(AskError::OwnProject);
    }
    if status != "published" {
        return Err(AskError::NotPublished);
    }
    let asked: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM startup_introductions WHERE project_id = $1 AND investor_id = $2",
    )
    .bind(project)
    .bind(investor)
    .fetch_optional(&mut *tx)
    .await?;
    if asked.is_some() {
        return Err(AskError::AlreadyAsked);
    }
    let lately: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM startup_introductions WHERE investor_id = $1 AND created_at > $2",
    )
    .bind(investor)
    .bind(now - 24 * 3_600_000)
    .fetch_one(&mut *tx)
    .await?;
    if lately >= INTRO_PER_DAY {
        return Err(AskError::TooMany);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO startup_introductions (project_id, investor_id, asked_by, message, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(project)
    .bind(investor)
    .bind(user)
    .bind(message)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    super::audit::record(
        &mut tx,
        Some(user),
        "startup_introduction_asked",
        ("startup_introduction", id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((id, owner))
}

/// One of the owners of introduction `id`'s project (`user`) accepts it (`reason` `None`) or
/// declines it with a reason. The member who asked, to tell; `None` when it is not theirs to
/// answer or was answered already.
pub async fn answer(
    db: &Db,
    id: i64,
    user: i64,
    reason: Option<&str>,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let asker: Option<(i64, String)> = sqlx::query_as(&format!(
        "SELECT i.asked_by, i.message FROM startup_introductions i
         JOIN startup_projects p ON p.id = i.project_id
         WHERE i.id = $1 AND i.status = 'requested' AND {}",
        owned_by(2)
    ))
    .bind(id)
    .bind(user)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((asker, message)) = asker else {
        return Ok(None);
    };
    let status = if reason.is_some() {
        "declined"
    } else {
        "accepted"
    };
    sqlx::query(
        "UPDATE startup_introductions SET status = $2, decline_reason = $3, answered_by = $4,
             answered_at = $5
         WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(reason)
    .bind(user)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if reason.is_none() {
        // The conversation opens with the investor's own words.
        sqlx::query(
            "INSERT INTO startup_intro_messages (introduction_id, author_id, body, created_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(asker)
        .bind(&message)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    super::audit::record(
        &mut tx,
        Some(user),
        if reason.is_some() {
            "startup_introduction_declined"
        } else {
            "startup_introduction_accepted"
        },
        ("startup_introduction", id),
        reason.unwrap_or(""),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(asker))
}

/// [`StartupIntro`]'s columns, `i` the introduction, `p` its project, `v` its investor.
const INTRO_COLUMNS: &str = "SELECT i.id, p.name AS project_name, p.slug AS project_slug, \
     v.name AS investor_name, v.slug AS investor_slug, i.message, i.status, i.decline_reason, \
     i.created_at, i.answered_at, v.user_id AS investor_user \
     FROM startup_introductions i JOIN startup_projects p ON p.id = i.project_id \
     JOIN investors v ON v.id = i.investor_id";

#[derive(sqlx::FromRow)]
struct IntroRow {
    #[sqlx(flatten)]
    intro: StartupIntro,
    investor_user: i64,
}

impl IntroRow {
    fn seen_by(self, user: i64) -> StartupIntro {
        StartupIntro {
            investor_side: self.investor_user == user,
            ..self.intro
        }
    }
}

/// The introductions `user` is a side of — asked of projects they own, and asked by them as an
/// investor — newest first.
pub async fn list(db: &Db, user: i64) -> sqlx::Result<Vec<StartupIntro>> {
    let rows: Vec<IntroRow> = sqlx::query_as(&format!(
        "{INTRO_COLUMNS} WHERE v.user_id = $1 OR {} ORDER BY i.created_at DESC, i.id DESC",
        owned_by(1)
    ))
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|row| row.seen_by(user)).collect())
}

/// The introduction `user` asked (as an investor) of project `project`, if any.
pub async fn asked_of(db: &Db, user: i64, project: i64) -> sqlx::Result<Option<StartupIntro>> {
    let row: Option<IntroRow> = sqlx::query_as(&format!(
        "{INTRO_COLUMNS} WHERE v.user_id = $1 AND i.project_id = $2"
    ))
    .bind(user)
    .bind(project)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|row| row.seen_by(user)))
}

/// Introduction `id` as `user`, one of its sides, sees it: with its conversation and the other
/// side's contact once accepted. `None` for anyone else.
pub async fn thread(db: &Db, id: i64, user: i64) -> sqlx::Result<Option<IntroThread>> {
    let row: Option<IntroRow> = sqlx::query_as(&format!(
        "{INTRO_COLUMNS} WHERE i.id = $2 AND (v.user_id = $1 OR {})",
        owned_by(1)
    ))
    .bind(user)
    .bind(id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let intro = row.seen_by(user);
    if intro.status != "accepted" {
        return Ok(Some(IntroThread {
            intro,
            messages: Vec::new(),
            contact: None,
        }));
    }
    #[derive(sqlx::FromRow)]
    struct Said {
        id: i64,
        author_id: Option<i64>,
        display_name: Option<String>,
        body: String,
        created_at: i64,
    }
    let rows: Vec<Said> = sqlx::query_as(
        "SELECT m.id, m.author_id, u.display_name, m.body, m.created_at
         FROM startup_intro_messages m LEFT JOIN users u ON u.id = m.author_id
         WHERE m.introduction_id = $1 ORDER BY m.id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let messages = rows
        .into_iter()
        .map(|m| IntroMessage {
            id: m.id,
            author: m.display_name.unwrap_or_default(),
            mine: m.author_id == Some(user),
            body: m.body,
            created_at: m.created_at,
        })
        .collect();
    // The investor sees the presenter's contact; the owners see the investor's.
    let contact: Option<(String, String)> = sqlx::query_as(if intro.investor_side {
        "SELECT u.display_name, u.email FROM startup_introductions i
         JOIN startup_projects p ON p.id = i.project_id JOIN users u ON u.id = p.owner_id
         WHERE i.id = $1"
    } else {
        "SELECT u.display_name, u.email FROM startup_introductions i
         JOIN investors v ON v.id = i.investor_id JOIN users u ON u.id = v.user_id
         WHERE i.id = $1"
    })
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(Some(IntroThread {
        intro,
        messages,
        contact,
    }))
}

/// `user`, a side of accepted introduction `id`, writes `body` in its conversation. The other
/// side's members to tell (the investor, or the project's presenter); `None` when `user` may
/// not write there.
pub async fn post(db: &Db, id: i64, user: i64, body: &str, now: i64) -> sqlx::Result<Option<i64>> {
    let sides: Option<(i64, i64, i64)> = sqlx::query_as(
        "SELECT i.project_id, v.user_id, p.owner_id
         FROM startup_introductions i JOIN startup_projects p ON p.id = i.project_id
         JOIN investors v ON v.id = i.investor_id
         WHERE i.id = $1 AND i.status = 'accepted'",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    let Some((project, investor, presenter)) = sides else {
        return Ok(None);
    };
    let other = if investor == user {
        presenter
    } else if super::startups::owns(db, project, user).await? {
        investor
    } else {
        return Ok(None);
    };
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    sqlx::query(
        "INSERT INTO startup_intro_messages (introduction_id, author_id, body, created_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(user)
    .bind(body)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(other))
}
