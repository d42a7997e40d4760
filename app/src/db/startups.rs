//! Startup projects: saving them (every change goes back to a moderator), the showcase and a
//! project's page, its confidential part behind the investors' acceptance of its terms, the log
//! of who looked, and the moderators' decisions.

use super::Db;
use crate::domain::startup::{ProjectInput, TeamLine, TractionLine};
use crate::model::{
    ConfidentialView, OwnProject, Page, ProjectCard, ProjectEditor, ProjectTeamMember, Standing,
    Traction,
};

/// [`ProjectCard`]'s columns, `p` being the project.
pub const CARD_COLUMNS: &str = "p.id, p.slug, p.name, p.pitch, p.sector_code, p.province_code, \
     p.stage, p.trl, p.funding_sought, p.funding_kind, p.funding_raised, p.cover_thumb, \
     COALESCE(s.name, u.display_name) AS presenter, s.slug AS stall_slug, p.published_at \
     FROM startup_projects p JOIN users u ON u.id = p.owner_id \
     LEFT JOIN stalls s ON s.id = p.stall_id";

/// Whether the member bound as `$n` is one of project `p`'s owners: who presented it, or a
/// member of the stall it is presented for.
pub(super) fn owned_by(n: u8) -> String {
    format!(
        "(p.owner_id = ${n} OR EXISTS (SELECT 1 FROM stall_members m \
         WHERE m.stall_id = p.stall_id AND m.user_id = ${n}))"
    )
}

/// Why a project was not saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// No such project, or not the member's.
    #[error("not found")]
    NotFound,
    /// The stall named is not one the member acts for (or not approved).
    #[error("not the member's stall")]
    NotTheirStall,
    /// A team member's e-mail is no account of the site.
    #[error("unknown team member")]
    UnknownMember,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Saves project `id` (0: a new one presented by `user`) as `input`. Every save sends it to
/// the moderators again. The project's id.
pub async fn save(
    db: &Db,
    id: i64,
    user: i64,
    input: &ProjectInput,
    now: i64,
) -> Result<i64, SaveError> {
    if id != 0 && !owns(db, id, user).await? {
        return Err(SaveError::NotFound);
    }
    if let Some(stall) = input.stall {
        let approved: Option<i64> = sqlx::query_scalar(
            "SELECT s.id FROM stall_members m JOIN stalls s ON s.id = m.stall_id
             WHERE m.user_id = $1 AND s.id = $2 AND s.status = 'approved'",
        )
        .bind(user)
        .bind(stall)
        .fetch_optional(db)
        .await?;
        if approved.is_none() {
            return Err(SaveError::NotTheirStall);
        }
    }
    let mut members = Vec::with_capacity(input.team.len());
    for line in &input.team {
        members.push(match &line.email {
            Some(email) => Some(
                sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE email = $1")
                    .bind(email)
                    .fetch_optional(db)
                    .await?
                    .ok_or(SaveError::UnknownMember)?,
            ),
            None => None,
        });
    }
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let id = if id == 0 {
        let slug = free_slug(&mut tx, &input.slug).await?;
        let row = bind_fields(
            sqlx::query(
                "INSERT INTO startup_projects (stall_id, name, pitch, description, sector_code,
                     province_code, stage, trl, funding_sought, funding_kind, funding_raised,
                     video_url, slug, owner_id, status, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'pending',
                     $15, $15)
                 RETURNING id",
            ),
            input,
        )
        .bind(slug)
        .bind(user)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::Row::try_get::<i64, _>(&row, 0)?
    } else {
        bind_fields(
            sqlx::query(
                "UPDATE startup_projects SET stall_id = $1, name = $2, pitch = $3,
                     description = $4, sector_code = $5, province_code = $6, stage = $7, trl = $8,
                     funding_sought = $9, funding_kind = $10, funding_raised = $11,
                     video_url = $12, status = 'pending', review_note = NULL, updated_at = $13
                 WHERE id = $14",
            ),
            input,
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        id
    };
    write_lines(
        &mut tx,
        id,
        &input.team,
        &members,
        (&input.traction, &input.traction_confidential),
    )
    .await?;
    super::audit::record(
        &mut tx,
        Some(user),
        "project_saved",
        ("startup_project", id),
        "",
        now,
    )
    .await?;
    touch_search(&mut tx, id).await?;
    tx.commit().await?;
    Ok(id)
}

/// `query` with `input`'s fields bound as `$1`…`$12`: stall, name, pitch, description, sector,
/// province, stage, TRL, funding sought, its kind, funding raised, video.
fn bind_fields<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    input: &'q ProjectInput,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query
        .bind(input.stall)
        .bind(&input.name)
        .bind(&input.pitch)
        .bind(&input.description)
        .bind(input.sector)
        .bind(input.province)
        .bind(input.stage.code())
        .bind(input.trl)
        .bind(input.funding_sought)
        .bind(input.funding_kind.code())
        .bind(input.funding_raised)
        .bind(&input.video)
}

/// `slug`, or with `-2`, `-3`… after it when another project has it.
async fn free_slug(tx: &mut sqlx::Transaction<'_, sqlx::Any>, slug: &str) -> sqlx::Result<String> {
    let mut candidate = slug.to_owned();
    for n in 2.. {
        if !super::slug_taken(tx, "startup_projects", &candidate, 0).await? {
            break;
        }
        candidate = format!("{slug}-{n}");
    }
    Ok(candidate)
}

/// Replaces project `id`'s team and traction figures.
async fn write_lines(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    team: &[TeamLine],
    members: &[Option<i64>],
    (open, confidential): (&[TractionLine], &[TractionLine]),
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM startup_team WHERE project_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for ((position, line), member) in (1i64..).zip(team).zip(members) {
        sqlx::query(
            "INSERT INTO startup_team (project_id, position, name, role, user_id)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(position)
        .bind(&line.name)
        .bind(&line.role)
        .bind(*member)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("DELETE FROM startup_traction WHERE project_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let figures = open
        .iter()
        .map(|f| (f, 0))
        .chain(confidential.iter().map(|f| (f, 1)));
    for (position, (figure, secret)) in (1i64..).zip(figures) {
        sqlx::query(
            "INSERT INTO startup_traction (project_id, position, label, value, confidential)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(position)
        .bind(&figure.label)
        .bind(&figure.value)
        .bind(secret)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Moves the startup search on (`db::startup_search`): project `id` is read again.
pub(crate) async fn touch_search(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
) -> sqlx::Result<()> {
    let version: i64 = sqlx::query_scalar(
        "UPDATE site_counters SET value = value + 1 WHERE name = 'startup_search_version'
         RETURNING value",
    )
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("UPDATE startup_projects SET search_version = $2 WHERE id = $1")
        .bind(id)
        .bind(version)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether `user` is one of project `id`'s owners.
pub async fn owns(db: &Db, id: i64, user: i64) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT p.id FROM startup_projects p WHERE p.id = $1 AND {}",
        owned_by(2)
    ))
    .bind(id)
    .bind(user)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// The projects `user` owns, newest change first, with how often their confidential material
/// was looked at.
pub async fn own(db: &Db, user: i64) -> sqlx::Result<Vec<OwnProject>> {
    sqlx::query_as(&format!(
        "SELECT p.id, p.slug, p.name, p.status, p.review_note, p.updated_at,
             (SELECT COUNT(*) FROM startup_confidential_views v WHERE v.project_id = p.id)
                 AS confidential_views
         FROM startup_projects p WHERE {}
         ORDER BY p.updated_at DESC, p.id DESC",
        owned_by(1)
    ))
    .bind(user)
    .fetch_all(db)
    .await
}

/// Project `id`'s form as stored, for `user` who owns it.
pub async fn editor(db: &Db, id: i64, user: i64) -> sqlx::Result<Option<ProjectEditor>> {
    use crate::domain::startup::{ProjectForm, team_text, traction_text};

    let row: Option<ProjectRow> = sqlx::query_as(&format!(
        "SELECT p.slug, p.name, p.pitch, p.description, p.sector_code, p.province_code, p.stage,
             p.trl, p.funding_sought, p.funding_kind, p.funding_raised, p.video_url, p.stall_id,
             p.status, p.review_note, p.cover_key, p.deck_bytes
         FROM startup_projects p WHERE p.id = $1 AND {}",
        owned_by(2)
    ))
    .bind(id)
    .bind(user)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let team: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT t.name, t.role, u.email FROM startup_team t LEFT JOIN users u ON u.id = t.user_id
         WHERE t.project_id = $1 ORDER BY t.position",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let team: Vec<TeamLine> = team
        .into_iter()
        .map(|(name, role, email)| TeamLine { name, role, email })
        .collect();
    let figures = traction(db, id).await?;
    let lines = |secret: bool| -> Vec<TractionLine> {
        figures
            .iter()
            .filter(|(_, s)| *s == secret)
            .map(|(f, _)| TractionLine {
                label: f.label.clone(),
                value: f.value.clone(),
            })
            .collect()
    };
    let form = ProjectForm {
        name: row.name,
        pitch: row.pitch,
        description: row.description,
        sector: row.sector_code,
        province: row.province_code,
        stage: row.stage,
        trl: row.trl.to_string(),
        funding_sought: row.funding_sought.to_string(),
        funding_kind: row.funding_kind,
        funding_raised: if row.funding_raised == 0 {
            String::new()
        } else {
            row.funding_raised.to_string()
        },
        video_url: row
            .video_url
            .map(|v| format!("https://youtu.be/{v}"))
            .unwrap_or_default(),
        team: team_text(&team),
        traction: traction_text(&lines(false)),
        traction_confidential: traction_text(&lines(true)),
        stall: row.stall_id.map(|s| s.to_string()).unwrap_or_default(),
    };
    Ok(Some(ProjectEditor {
        id,
        slug: row.slug,
        form,
        status: row.status,
        review_note: row.review_note,
        stalls: approved_stalls(db, user).await?,
        cover_key: row.cover_key,
        deck_bytes: row.deck_bytes,
    }))
}

#[derive(sqlx::FromRow)]
struct ProjectRow {
    slug: String,
    name: String,
    pitch: String,
    description: String,
    sector_code: String,
    province_code: String,
    stage: String,
    trl: i64,
    funding_sought: i64,
    funding_kind: String,
    funding_raised: i64,
    video_url: Option<String>,
    stall_id: Option<i64>,
    status: String,
    review_note: Option<String>,
    cover_key: Option<String>,
    deck_bytes: Option<i64>,
}

/// The approved stalls `user` acts for: id and name.
pub async fn approved_stalls(db: &Db, user: i64) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT s.id, s.name FROM stall_members m JOIN stalls s ON s.id = m.stall_id
         WHERE m.user_id = $1 AND s.status = 'approved' ORDER BY s.name",
    )
    .bind(user)
    .fetch_all(db)
    .await
}

/// Project `id`'s traction figures in order, each with whether it is confidential.
pub async fn traction(db: &Db, id: i64) -> sqlx::Result<Vec<(Traction, bool)>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT label, value, confidential FROM startup_traction WHERE project_id = $1
         ORDER BY position",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(label, value, secret)| (Traction { label, value }, secret == 1))
        .collect())
}

/// Project `id`'s team, with the display names of linked members.
pub async fn team(db: &Db, id: i64) -> sqlx::Result<Vec<ProjectTeamMember>> {
    sqlx::query_as(
        "SELECT t.name, t.role, u.display_name AS member FROM startup_team t
         LEFT JOIN users u ON u.id = t.user_id WHERE t.project_id = $1 ORDER BY t.position",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// What a project's page reads beside its card.
#[derive(sqlx::FromRow)]
struct Detail {
    description: String,
    video_url: Option<String>,
    cover_key: Option<String>,
    deck_key: Option<String>,
    deck_bytes: Option<i64>,
    status: String,
}

/// Project `slug`'s page as `viewer` (member id and whether a moderator) sees it: published
/// projects for everyone, others for their owners and moderators only. The confidential part is
/// filled only for owners and approved investors who accepted the terms; reading it as an
/// investor is logged.
pub async fn page(
    db: &Db,
    slug: &str,
    viewer: Option<(i64, bool)>,
    now: i64,
) -> sqlx::Result<Option<crate::model::ProjectPage>> {
    let card: Option<ProjectCard> =
        sqlx::query_as(&format!("SELECT {CARD_COLUMNS} WHERE p.slug = $1"))
            .bind(slug)
            .fetch_optional(db)
            .await?;
    let Some(card) = card else { return Ok(None) };
    let detail: Detail = sqlx::query_as(
        "SELECT description, video_url, cover_key, deck_key, deck_bytes, status
         FROM startup_projects WHERE id = $1",
    )
    .bind(card.id)
    .fetch_one(db)
    .await?;
    let (standing, accepted_at) = standing(db, card.id, viewer.map(|(user, _)| user)).await?;
    let moderator = viewer.is_some_and(|(_, moderator)| moderator);
    if detail.status != "published" && standing != Standing::Owner && !moderator {
        return Ok(None);
    }
    let figures = traction(db, card.id).await?;
    let confidential_count = figures.iter().filter(|(_, secret)| *secret).count() as i64;
    let sees = standing.sees_confidential();
    let (traction, confidential): (Vec<_>, Vec<_>) =
        figures.into_iter().partition(|(_, secret)| !secret);
    let confidential = if sees {
        confidential.into_iter().map(|(f, _)| f).collect()
    } else {
        Vec::new()
    };
    if standing == Standing::Accepted
        && let Some((user, _)) = viewer
    {
        log_view(db, card.id, user, "detail", now).await?;
    }
    let views = if standing == Standing::Owner {
        views(db, card.id).await?
    } else {
        Vec::new()
    };
    let (fit, introduction) = match viewer {
        Some((user, _)) if matches!(standing, Standing::Investor | Standing::Accepted) => (
            super::startup_intros::fit(db, user, card.id).await?,
            super::startup_intros::asked_of(db, user, card.id).await?,
        ),
        _ => (None, None),
    };
    Ok(Some(crate::model::ProjectPage {
        fit,
        introduction,
        team: team(db, card.id).await?,
        description_html: crate::markdown::render(&detail.description),
        video: detail.video_url,
        cover_key: detail.cover_key,
        status: detail.status,
        traction: traction.into_iter().map(|(f, _)| f).collect(),
        confidential,
        confidential_count,
        has_deck: detail.deck_key.is_some(),
        deck_bytes: detail.deck_bytes,
        standing,
        accepted_at,
        views,
        card,
    }))
}

/// Where `user` stands towards project `id`'s confidential part, and when they accepted its
/// terms.
pub async fn standing(
    db: &Db,
    id: i64,
    user: Option<i64>,
) -> sqlx::Result<(Standing, Option<i64>)> {
    let Some(user) = user else {
        return Ok((Standing::Visitor, None));
    };
    if owns(db, id, user).await? {
        return Ok((Standing::Owner, None));
    }
    let investor: Option<String> =
        sqlx::query_scalar("SELECT status FROM investors WHERE user_id = $1")
            .bind(user)
            .fetch_optional(db)
            .await?;
    match investor.as_deref() {
        None => Ok((Standing::Member, None)),
        Some("approved") => {
            let accepted: Option<i64> = sqlx::query_scalar(
                "SELECT accepted_at FROM startup_terms_accepted
                 WHERE project_id = $1 AND user_id = $2",
            )
            .bind(id)
            .bind(user)
            .fetch_optional(db)
            .await?;
            Ok(match accepted {
                Some(at) => (Standing::Accepted, Some(at)),
                None => (Standing::Investor, None),
            })
        }
        Some(_) => Ok((Standing::UnapprovedInvestor, None)),
    }
}

/// Approved investor `user` accepts published project `id`'s confidentiality terms, once (the
/// first acceptance's time stays). Whether they may (an approved investor, a published project
/// not their own).
pub async fn accept_terms(db: &Db, id: i64, user: i64, now: i64) -> sqlx::Result<bool> {
    let published: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM startup_projects WHERE id = $1 AND status = 'published'",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    if published.is_none() {
        return Ok(false);
    }
    match standing(db, id, Some(user)).await?.0 {
        Standing::Investor => {}
        Standing::Accepted => return Ok(true),
        _ => return Ok(false),
    }
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO startup_terms_accepted (project_id, user_id, accepted_at) VALUES ($1, $2, $3)
         ON CONFLICT (project_id, user_id) DO NOTHING",
    )
    .bind(id)
    .bind(user)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    super::audit::record(
        &mut tx,
        Some(user),
        "project_terms_accepted",
        ("startup_project", id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Records that `user` looked at project `id`'s confidential `what` (`detail` or `deck`).
pub async fn log_view(db: &Db, id: i64, user: i64, what: &str, now: i64) -> sqlx::Result<()> {
    let _turn = super::dialect::write_turn(db).await;
    sqlx::query(
        "INSERT INTO startup_confidential_views (project_id, user_id, what, viewed_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(user)
    .bind(what)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// The last 200 looks at project `id`'s confidential material, newest first, by investor.
pub async fn views(db: &Db, id: i64) -> sqlx::Result<Vec<ConfidentialView>> {
    sqlx::query_as(
        "SELECT COALESCE(i.name, u.display_name, '—') AS investor, i.slug AS investor_slug,
             v.what, v.viewed_at
         FROM startup_confidential_views v
         LEFT JOIN users u ON u.id = v.user_id
         LEFT JOIN investors i ON i.user_id = v.user_id
         WHERE v.project_id = $1 ORDER BY v.viewed_at DESC, v.id DESC LIMIT 200",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// Project `slug`'s id, status and pitch deck's media key.
pub async fn deck(db: &Db, slug: &str) -> sqlx::Result<Option<(i64, String, Option<String>)>> {
    sqlx::query_as("SELECT id, status, deck_key FROM startup_projects WHERE slug = $1")
        .bind(slug)
        .fetch_optional(db)
        .await
}

/// Sets project `id`'s pitch deck (`key`, `bytes` long); the old key, to discard. A new deck is
/// reviewed like any change.
pub async fn set_deck(
    db: &Db,
    id: i64,
    (key, bytes): (&str, i64),
    by: i64,
    now: i64,
) -> sqlx::Result<Option<String>> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let old: Option<String> =
        sqlx::query_scalar("SELECT deck_key FROM startup_projects WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .flatten();
    sqlx::query("UPDATE startup_projects SET deck_key = $2, deck_bytes = $3 WHERE id = $1")
        .bind(id)
        .bind(key)
        .bind(bytes)
        .execute(&mut *tx)
        .await?;
    resubmit(&mut tx, id, ("project_deck", key), by, now).await?;
    tx.commit().await?;
    Ok(old)
}

/// Sets project `id`'s cover (display size and thumbnail); the old keys, to discard.
pub async fn set_cover(
    db: &Db,
    id: i64,
    (cover, thumb): (&str, &str),
    by: i64,
    now: i64,
) -> sqlx::Result<Vec<String>> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let old: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT cover_key, cover_thumb FROM startup_projects WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    sqlx::query("UPDATE startup_projects SET cover_key = $2, cover_thumb = $3 WHERE id = $1")
        .bind(id)
        .bind(cover)
        .bind(thumb)
        .execute(&mut *tx)
        .await?;
    resubmit(&mut tx, id, ("project_cover", cover), by, now).await?;
    tx.commit().await?;
    Ok(old
        .map(|(a, b)| a.into_iter().chain(b).collect())
        .unwrap_or_default())
}

/// After a change to project `id`'s files: back to review, recorded, searched again.
async fn resubmit(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    (action, detail): (&str, &str),
    by: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE startup_projects SET status = 'pending', review_note = NULL, updated_at = $2
         WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    super::audit::record(tx, Some(by), action, ("startup_project", id), detail, now).await?;
    touch_search(tx, id).await
}

/// The owner withdraws project `id` from the showcase (or its review); whether it was theirs.
pub async fn withdraw(db: &Db, id: i64, user: i64, now: i64) -> sqlx::Result<bool> {
    if !owns(db, id, user).await? {
        return Ok(false);
    }
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    sqlx::query("UPDATE startup_projects SET status = 'withdrawn', updated_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    super::audit::record(
        &mut tx,
        Some(user),
        "project_withdrawn",
        ("startup_project", id),
        "",
        now,
    )
    .await?;
    touch_search(&mut tx, id).await?;
    tx.commit().await?;
    Ok(true)
}

/// Projects waiting for a moderator, oldest change first, with their owner's id.
pub async fn pending(db: &Db, limit: i64) -> sqlx::Result<Vec<(ProjectCard, String, i64, i64)>> {
    let cards: Vec<ProjectCard> = sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} WHERE p.status = 'pending' ORDER BY p.updated_at, p.id LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await?;
    let mut out = Vec::with_capacity(cards.len());
    for card in cards {
        let (description, updated_at, owner): (String, i64, i64) = sqlx::query_as(
            "SELECT description, updated_at, owner_id FROM startup_projects WHERE id = $1",
        )
        .bind(card.id)
        .fetch_one(db)
        .await?;
        out.push((card, description, updated_at, owner));
    }
    Ok(out)
}

/// How many projects wait for a moderator.
pub async fn count_pending(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM startup_projects WHERE status = 'pending'")
        .fetch_one(db)
        .await
}

/// Whether project `id` has a pitch deck.
pub async fn has_deck(db: &Db, id: i64) -> sqlx::Result<bool> {
    let key: Option<Option<String>> =
        sqlx::query_scalar("SELECT deck_key FROM startup_projects WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(key.flatten().is_some())
}

/// A moderator publishes pending project `id` (`reason` `None`) or refuses it with a reason its
/// owners read. The owner's id, or `None` when it no longer waits.
pub async fn decide(
    db: &Db,
    id: i64,
    reason: Option<&str>,
    by: i64,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    let owner: Option<i64> = sqlx::query_scalar(
        "SELECT owner_id FROM startup_projects WHERE id = $1 AND status = 'pending'",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(owner) = owner else { return Ok(None) };
    let status = if reason.is_some() {
        "rejected"
    } else {
        "published"
    };
    sqlx::query(
        "UPDATE startup_projects SET status = $2, review_note = $3, reviewed_by = $4,
             reviewed_at = $5,
             published_at = CASE WHEN $2 = 'published' THEN COALESCE(published_at, $5)
                 ELSE published_at END
         WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(reason)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    super::audit::record(
        &mut tx,
        Some(by),
        if reason.is_some() {
            "project_rejected"
        } else {
            "project_published"
        },
        ("startup_project", id),
        reason.unwrap_or(""),
        now,
    )
    .await?;
    touch_search(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Some(owner))
}

/// What the showcase is narrowed to, codes checked.
#[derive(Debug, Clone, Default)]
pub struct ProjectFilter {
    pub sector: Option<&'static str>,
    pub stage: Option<&'static str>,
    pub funding: Option<&'static str>,
    pub province: Option<&'static str>,
}

/// Page `page` of the published projects `filter` admits, newest first, and how many there are.
pub async fn browse(
    db: &Db,
    filter: &ProjectFilter,
    page: u32,
    per_page: u32,
) -> sqlx::Result<Page<ProjectCard>> {
    let mut clauses = vec!["p.status = 'published'".to_owned()];
    let mut binds: Vec<&str> = Vec::new();
    for (column, value) in [
        ("p.sector_code", filter.sector),
        ("p.stage", filter.stage),
        ("p.funding_kind", filter.funding),
        ("p.province_code", filter.province),
    ] {
        if let Some(value) = value {
            binds.push(value);
            clauses.push(format!("{column} = ${}", binds.len() + 2));
        }
    }
    let clause = clauses.join(" AND ");
    let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
    let sql = format!(
        "SELECT {CARD_COLUMNS} WHERE {clause}
         ORDER BY p.published_at DESC, p.id DESC LIMIT $1 OFFSET $2"
    );
    let mut items = sqlx::query_as::<_, ProjectCard>(&sql)
        .bind(i64::from(per_page))
        .bind(offset);
    for value in &binds {
        items = items.bind(*value);
    }
    let items = items.fetch_all(db).await?;
    // The same conditions, their values numbered from 1.
    let mut count_clause = clause.clone();
    for n in 1..=binds.len() {
        count_clause = count_clause.replace(&format!("${}", n + 2), &format!("${n}"));
    }
    let count_sql = format!("SELECT COUNT(*) FROM startup_projects p WHERE {count_clause}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for value in &binds {
        count = count.bind(*value);
    }
    Ok(Page {
        items,
        page,
        per_page,
        total: count.fetch_one(db).await?,
    })
}

/// The published cards of `ids`, in that order.
pub async fn cards(db: &Db, ids: &[i64]) -> sqlx::Result<Vec<ProjectCard>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = super::id_list(ids.iter().copied());
    let mut cards: Vec<ProjectCard> = sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} WHERE p.status = 'published' AND p.id IN ({list})"
    ))
    .fetch_all(db)
    .await?;
    let position: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    cards.sort_by_key(|card| position.get(&card.id).copied().unwrap_or(usize::MAX));
    Ok(cards)
}

/// Published projects in all.
pub async fn count_published(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM startup_projects WHERE status = 'published'")
        .fetch_one(db)
        .await
}

/// Published projects' slugs and last change, for the sitemap.
pub async fn sitemap(db: &Db) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT slug, updated_at FROM startup_projects WHERE status = 'published' ORDER BY id",
    )
    .fetch_all(db)
    .await
}
