//! Stalls as their members and moderators handle them: opening, editing, reviewing.

use super::Db;
use crate::domain::{Slug, StallProfileInput};

/// Every field of a stall's profile as stored, with its review state.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StallRecord {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub org_kind: String,
    pub sector_code: String,
    /// Further sectors' codes, comma-separated.
    pub other_sectors: String,
    pub province_code: String,
    pub description: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub contact_person: String,
    pub founded_year: Option<i64>,
    pub certifications: String,
    pub status: String,
    pub rejection_reason: Option<String>,
    pub created_at: i64,
    pub created_by: Option<i64>,
}

const RECORD_COLUMNS: &str = "id, slug, name, org_kind, sector_code, other_sectors, province_code, description, \
     address, phone, email, website, contact_person, founded_year, certifications, status, \
     rejection_reason, created_at, created_by";

/// A slug for `name` that no stall has yet: `co-khi-tay-do`, then `co-khi-tay-do-2`, …
pub async fn free_slug(db: &Db, name: &str) -> sqlx::Result<String> {
    let base = Slug::from_title(name);
    let base: String = base.as_str().chars().take(100).collect();
    let base = base.trim_end_matches('-').to_owned();
    let taken: Vec<String> =
        sqlx::query_scalar("SELECT slug FROM stalls WHERE slug = $1 OR slug LIKE $2")
            .bind(&base)
            .bind(format!("{base}-%"))
            .fetch_all(db)
            .await?;
    if !taken.contains(&base) {
        return Ok(base);
    }
    let next = (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .expect("an unbounded range has a free number");
    Ok(next)
}

/// Binds a profile's thirteen fields and its two folded search columns, in the column order both
/// `create` and `update_profile` use.
fn bind_profile<'q, O>(
    query: sqlx::query::QueryScalar<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    profile: &'q StallProfileInput,
) -> sqlx::query::QueryScalar<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    let certifications = profile.certifications.join(", ");
    let (fold_name, fold_body) = super::search::folded_stall(
        &profile.name,
        &profile.description,
        &profile.address,
        &certifications,
    );
    query
        .bind(&profile.name)
        .bind(profile.org_kind)
        .bind(profile.sector.code())
        .bind(
            profile
                .other_sectors
                .iter()
                .map(|s| s.code())
                .collect::<Vec<_>>()
                .join(","),
        )
        .bind(profile.province.code())
        .bind(&profile.description)
        .bind(&profile.address)
        .bind(&profile.phone)
        .bind(profile.email.as_ref().map_or("", |e| e.as_str()))
        .bind(profile.website.as_deref().unwrap_or(""))
        .bind(&profile.contact_person)
        .bind(profile.founded_year)
        .bind(certifications)
        .bind(fold_name)
        .bind(fold_body)
}

/// Records a new stall, pending review, with `user_id` as its owner. Returns its id.
pub async fn create(
    conn: &mut sqlx::AnyConnection,
    profile: &StallProfileInput,
    slug: &str,
    user_id: i64,
    now_ms: i64,
) -> sqlx::Result<i64> {
    let query = sqlx::query_scalar(
        "INSERT INTO stalls (slug, name, org_kind, sector_code, other_sectors, province_code,
                             description, address, phone, email, website, contact_person,
                             founded_year, certifications, fold_name, fold_body, status, created_at,
                             updated_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'pending',
                 $17, $17, $18)
         RETURNING id",
    )
    .bind(slug);
    let id: i64 = bind_profile(query, profile)
        .bind(now_ms)
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO stall_members (stall_id, user_id, role, created_at) VALUES ($1, $2, 'owner', $3)",
    )
    .bind(id)
    .bind(user_id)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Replaces a stall's profile. A refused stall goes back to review with its reason cleared; a
/// pending or approved one keeps its status. Returns the status it has now. A new name is
/// folded into its listings' search words too, so they are found by it.
pub async fn update_profile(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    profile: &StallProfileInput,
    now_ms: i64,
) -> sqlx::Result<String> {
    let old_name: String = sqlx::query_scalar("SELECT name FROM stalls WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let query = sqlx::query_scalar(
        "UPDATE stalls SET name = $2, org_kind = $3, sector_code = $4, other_sectors = $5,
                province_code = $6, description = $7, address = $8, phone = $9, email = $10,
                website = $11, contact_person = $12, founded_year = $13, certifications = $14,
                fold_name = $15, fold_body = $16, updated_at = $17,
                status = CASE WHEN status = 'rejected' THEN 'pending' ELSE status END,
                rejection_reason = CASE WHEN status = 'rejected' THEN NULL ELSE rejection_reason END
         WHERE id = $1
         RETURNING status",
    )
    .bind(id);
    let status = bind_profile(query, profile)
        .bind(now_ms)
        .fetch_one(&mut *conn)
        .await?;
    if old_name != profile.name {
        super::search::refold_stall_listings(conn, id, &profile.name).await?;
    }
    Ok(status)
}

/// How `user_id` acts for a stall (`owner`, `member`), if at all.
pub async fn membership(db: &Db, stall_id: i64, user_id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT role FROM stall_members WHERE stall_id = $1 AND user_id = $2")
        .bind(stall_id)
        .bind(user_id)
        .fetch_optional(db)
        .await
}

const OWN_STALL_SELECT: &str =
    "SELECT s.id, s.slug, s.name, s.status, s.rejection_reason, s.created_at, m.role
     FROM stall_members m JOIN stalls s ON s.id = m.stall_id
     WHERE m.user_id = $1";

/// The stalls `user_id` acts for, newest first.
pub async fn own_stalls(db: &Db, user_id: i64) -> sqlx::Result<Vec<crate::model::OwnStall>> {
    sqlx::query_as(&format!(
        "{OWN_STALL_SELECT} ORDER BY s.created_at DESC, s.id DESC"
    ))
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// Stall `stall_id` as `user_id` acts for it, if they do.
pub async fn own_stall(
    db: &Db,
    user_id: i64,
    stall_id: i64,
) -> sqlx::Result<Option<crate::model::OwnStall>> {
    sqlx::query_as(&format!("{OWN_STALL_SELECT} AND s.id = $2"))
        .bind(user_id)
        .bind(stall_id)
        .fetch_optional(db)
        .await
}

/// A stall with every field, whatever its status.
pub async fn record(db: &Db, id: i64) -> sqlx::Result<Option<StallRecord>> {
    sqlx::query_as(&format!(
        "SELECT {RECORD_COLUMNS} FROM stalls WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Stalls waiting for review, oldest first, with who submitted them.
pub async fn pending(db: &Db, limit: i64) -> sqlx::Result<Vec<(StallRecord, String, String)>> {
    let records: Vec<StallRecord> = sqlx::query_as(&format!(
        "SELECT {RECORD_COLUMNS} FROM stalls WHERE status = 'pending'
         ORDER BY created_at, id LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await?;
    let mut out = Vec::with_capacity(records.len());
    for record in records {
        let who: Option<(String, String)> =
            sqlx::query_as("SELECT display_name, email FROM users WHERE id = $1")
                .bind(record.created_by)
                .fetch_optional(db)
                .await?;
        let (name, email) = who.unwrap_or_default();
        out.push((record, name, email));
    }
    Ok(out)
}

/// Number of stalls waiting for review.
pub async fn count_pending(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM stalls WHERE status = 'pending'")
        .fetch_one(db)
        .await
}

/// Decides on a pending stall: `approved`, or `rejected` with a reason. Only a pending stall
/// can be decided, so two moderators cannot both decide; returns whether this decision applied.
pub async fn decide(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    approve: bool,
    reason: Option<&str>,
    moderator_id: i64,
    now_ms: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "UPDATE stalls SET status = $2, rejection_reason = $3, reviewed_by = $4, reviewed_at = $5
         WHERE id = $1 AND status = 'pending'",
    )
    .bind(id)
    .bind(if approve { "approved" } else { "rejected" })
    .bind(reason)
    .bind(moderator_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// A stall's logo and cover keys.
pub async fn pictures(db: &Db, id: i64) -> sqlx::Result<(Option<String>, Option<String>)> {
    sqlx::query_as("SELECT logo_key, cover_key FROM stalls WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await
}

/// Sets (or with `None` clears) a stall's logo or cover; `which` is [`StallPicture`]. Returns
/// the key it replaces, whose file the caller removes.
pub async fn set_picture(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    which: StallPicture,
    key: Option<&str>,
) -> sqlx::Result<Option<String>> {
    let column = which.column();
    let old: Option<String> =
        sqlx::query_scalar(&format!("SELECT {column} FROM stalls WHERE id = $1"))
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    sqlx::query(&format!("UPDATE stalls SET {column} = $1 WHERE id = $2"))
        .bind(key)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(old)
}

/// Which of a stall's pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StallPicture {
    Logo,
    Cover,
}

impl StallPicture {
    /// `logo` or `cover`, as in URLs and forms.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "logo" => Some(Self::Logo),
            "cover" => Some(Self::Cover),
            _ => None,
        }
    }

    /// Its name in URLs and forms.
    pub fn name(self) -> &'static str {
        match self {
            Self::Logo => "logo",
            Self::Cover => "cover",
        }
    }

    pub fn column(self) -> &'static str {
        match self {
            Self::Logo => "logo_key",
            Self::Cover => "cover_key",
        }
    }
}

/// The e-mail addresses, names and languages of a stall's members, to tell them of a decision.
pub async fn member_addresses(
    db: &Db,
    stall_id: i64,
) -> sqlx::Result<Vec<(String, String, String)>> {
    sqlx::query_as(
        "SELECT u.email, u.display_name, u.locale FROM stall_members m JOIN users u ON u.id = m.user_id
         WHERE m.stall_id = $1 ORDER BY m.created_at",
    )
    .bind(stall_id)
    .fetch_all(db)
    .await
}
