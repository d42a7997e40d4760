//! New listings saved before they are complete: the form as typed, kept for its author only.

use super::Db;
use crate::domain::ListingForm;

/// Incomplete drafts a member may keep at once.
pub const MAX_PER_MEMBER: i64 = 50;

/// A stored draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    pub id: i64,
    pub title: String,
    pub form: ListingForm,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct RawRow {
    id: i64,
    title: String,
    form: String,
    updated_at: i64,
}

const ROW_COLUMNS: &str = "id, title, form, updated_at";

impl From<RawRow> for DraftRow {
    fn from(row: RawRow) -> Self {
        // Written by `create` and `update` from the same type; a form that no longer reads (a
        // field renamed since) comes back empty but for its title, rather than hiding the draft.
        let form = serde_json::from_str(&row.form).unwrap_or_else(|_| ListingForm {
            title: row.title.clone(),
            ..ListingForm::default()
        });
        Self {
            id: row.id,
            title: row.title,
            form,
            updated_at: row.updated_at,
        }
    }
}

fn encode(form: &ListingForm) -> String {
    serde_json::to_string(form).expect("a form of strings always serializes")
}

/// Stores a new draft by `owner_id`. Returns its id.
pub async fn create(db: &Db, owner_id: i64, form: &ListingForm, now_ms: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO listing_drafts (owner_id, title, form, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(owner_id)
    .bind(form.title.trim())
    .bind(encode(form))
    .bind(now_ms)
    .fetch_one(db)
    .await
}

/// Replaces the content of the member's draft `id`. False when they have no such draft.
pub async fn update(
    db: &Db,
    id: i64,
    owner_id: i64,
    form: &ListingForm,
    now_ms: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE listing_drafts SET title = $1, form = $2, updated_at = $3
         WHERE id = $4 AND owner_id = $5",
    )
    .bind(form.title.trim())
    .bind(encode(form))
    .bind(now_ms)
    .bind(id)
    .bind(owner_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The member's draft `id`, if it is theirs.
pub async fn get(db: &Db, id: i64, owner_id: i64) -> sqlx::Result<Option<DraftRow>> {
    let row: Option<RawRow> = sqlx::query_as(&format!(
        "SELECT {ROW_COLUMNS} FROM listing_drafts WHERE id = $1 AND owner_id = $2"
    ))
    .bind(id)
    .bind(owner_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(DraftRow::from))
}

/// The member's drafts, last changed first.
pub async fn list(db: &Db, owner_id: i64) -> sqlx::Result<Vec<DraftRow>> {
    let rows: Vec<RawRow> = sqlx::query_as(&format!(
        "SELECT {ROW_COLUMNS} FROM listing_drafts
         WHERE owner_id = $1 ORDER BY updated_at DESC, id DESC"
    ))
    .bind(owner_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(DraftRow::from).collect())
}

/// How many drafts the member keeps.
pub async fn count(db: &Db, owner_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM listing_drafts WHERE owner_id = $1")
        .bind(owner_id)
        .fetch_one(db)
        .await
}

/// Deletes the member's draft `id` (in the transaction that turns it into a listing, or on its
/// author's request). False when they have no such draft.
pub async fn delete(conn: &mut sqlx::AnyConnection, id: i64, owner_id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM listing_drafts WHERE id = $1 AND owner_id = $2")
        .bind(id)
        .bind(owner_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
