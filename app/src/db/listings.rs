//! Listings as their posters and moderators handle them: drafts, review, publishing, renewing,
//! closing and expiry.

use super::Db;
use crate::domain::{ListingInput, Slug, vietnam_day, vietnam_day_end_ms};

/// Days a published listing is shown when its poster chose no end date.
pub const DEFAULT_DAYS: i64 = crate::domain::listing_limits::DEFAULT_DAYS;

/// Every field of a listing as stored, whatever its status.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ListingRecord {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub listing_type: String,
    pub stall_id: Option<i64>,
    pub owner_id: Option<i64>,
    pub seller_name: Option<String>,
    pub seller_phone: Option<String>,
    pub seller_email: Option<String>,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub sector_code: String,
    pub province_code: String,
    pub price_vnd: Option<i64>,
    pub budget_min_vnd: Option<i64>,
    pub budget_max_vnd: Option<i64>,
    pub quantity: Option<i64>,
    pub unit: String,
    pub item_condition: String,
    pub origin_country: String,
    pub manufacturer: String,
    pub warranty: String,
    pub trl: Option<i64>,
    pub ip_kind: String,
    pub ip_number: String,
    pub certifications: String,
    pub transfer_modes: String,
    pub status: String,
    pub rejection_reason: Option<String>,
    pub close_reason: Option<String>,
    pub expires_at: Option<i64>,
    pub expires_on_day: Option<i64>,
    pub created_at: i64,
}

const RECORD_COLUMNS: &str = "id, slug, kind, listing_type, stall_id, owner_id, seller_name, \
     seller_phone, seller_email, title, summary, description, sector_code, province_code, price_vnd, \
     budget_min_vnd, budget_max_vnd, quantity, unit, item_condition, origin_country, manufacturer, \
     warranty, trl, ip_kind, ip_number, certifications, transfer_modes, status, rejection_reason, \
     close_reason, expires_at, expires_on_day, created_at";

/// A listing in its poster's list.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OwnListingRow {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub title: String,
    pub status: String,
    pub rejection_reason: Option<String>,
    pub close_reason: Option<String>,
    pub expires_at: Option<i64>,
    pub created_at: i64,
    pub stall_name: Option<String>,
    pub auction_id: Option<i64>,
    pub auction_status: Option<String>,
}

/// What the search indexes of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchColumns {
    /// Title, summary and the stall's name, folded (the simple substring match of old).
    pub search_text: String,
    pub fold_title: String,
    /// Summary, description and the stall's name, folded into words.
    pub fold_body: String,
}

/// The search columns of a listing posted for the stall named `stall_name` (if any).
pub fn search_columns(input: &ListingInput, stall_name: Option<&str>) -> SearchColumns {
    let (fold_title, fold_body) =
        super::search::folded(&input.title, &input.summary, &input.description, stall_name);
    SearchColumns {
        search_text: crate::domain::fold_search_text(&format!(
            "{} {} {}",
            input.title,
            input.summary,
            stall_name.unwrap_or_default()
        )),
        fold_title,
        fold_body,
    }
}

/// A slug for `title` that no listing has yet.
pub async fn free_slug(db: &Db, title: &str) -> sqlx::Result<String> {
    let base: String = Slug::from_title(title).as_str().chars().take(100).collect();
    let base = base.trim_end_matches('-').to_owned();
    let taken: Vec<String> =
        sqlx::query_scalar("SELECT slug FROM listings WHERE slug = $1 OR slug LIKE $2")
            .bind(&base)
            .bind(format!("{base}-%"))
            .fetch_all(db)
            .await?;
    if !taken.contains(&base) {
        return Ok(base);
    }
    Ok((2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .expect("an unbounded range has a free number"))
}

fn binds<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    input: &'q ListingInput,
    search: SearchColumns,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let independent = input.stall_id.is_none();
    query
        .bind(input.kind)
        .bind(input.listing_type)
        .bind(input.stall_id)
        .bind(independent.then(|| input.seller_name.clone()))
        .bind(independent.then(|| input.seller_phone.clone()))
        .bind(
            input
                .seller_email
                .as_ref()
                .filter(|_| independent)
                .map(|e| e.as_str().to_owned()),
        )
        .bind(&input.title)
        .bind(&input.summary)
        .bind(&input.description)
        .bind(input.sector.code())
        .bind(input.province.code())
        .bind(input.price_vnd)
        .bind(input.budget_min_vnd)
        .bind(input.budget_max_vnd)
        .bind(input.quantity)
        .bind(&input.unit)
        .bind(input.condition)
        .bind(&input.origin_country)
        .bind(&input.manufacturer)
        .bind(&input.warranty)
        .bind(input.trl)
        .bind(input.ip_kind)
        .bind(&input.ip_number)
        .bind(input.certifications.join(", "))
        .bind(input.transfer_modes.join(","))
        .bind(input.expires_on_day)
        .bind(search.search_text)
        .bind(search.fold_title)
        .bind(search.fold_body)
}

/// Records a new listing by `owner_id`: a `draft`, or `pending` review. Returns its id.
pub async fn create(
    conn: &mut sqlx::AnyConnection,
    input: &ListingInput,
    slug: &str,
    owner_id: i64,
    status: &str,
    search: SearchColumns,
    now_ms: i64,
) -> sqlx::Result<i64> {
    use sqlx::Row;
    let query = sqlx::query(
        "INSERT INTO listings (kind, listing_type, stall_id, seller_name, seller_phone, seller_email,
                               title, summary, description, sector_code, province_code, price_vnd,
                               budget_min_vnd, budget_max_vnd, quantity, unit, item_condition,
                               origin_country, manufacturer, warranty, trl, ip_kind, ip_number,
                               certifications, transfer_modes, expires_on_day, search_text,
                               fold_title, fold_body, slug, owner_id, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                 $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $33)
         RETURNING id",
    );
    binds(query, input, search)
        .bind(slug)
        .bind(owner_id)
        .bind(status)
        .bind(now_ms)
        .fetch_one(conn)
        .await?
        .try_get(0)
}

/// Replaces a listing's content. `status` is what it becomes: a draft saved as a draft, or
/// `pending` — an edit to a published listing goes back to review.
pub async fn update(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    input: &ListingInput,
    status: &str,
    search: SearchColumns,
    now_ms: i64,
) -> sqlx::Result<()> {
    let query = sqlx::query(
        "UPDATE listings SET kind = $1, listing_type = $2, stall_id = $3, seller_name = $4,
                seller_phone = $5, seller_email = $6, title = $7, summary = $8, description = $9,
                sector_code = $10, province_code = $11, price_vnd = $12, budget_min_vnd = $13,
                budget_max_vnd = $14, quantity = $15, unit = $16, item_condition = $17,
                origin_country = $18, manufacturer = $19, warranty = $20, trl = $21, ip_kind = $22,
                ip_number = $23, certifications = $24, transfer_modes = $25, expires_on_day = $26,
                search_text = $27, fold_title = $28, fold_body = $29, status = $30,
                updated_at = $31, rejection_reason = NULL, close_reason = NULL
         WHERE id = $32",
    );
    binds(query, input, search)
        .bind(status)
        .bind(now_ms)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A listing with every field, whatever its status.
pub async fn record(db: &Db, id: i64) -> sqlx::Result<Option<ListingRecord>> {
    sqlx::query_as(&format!(
        "SELECT {RECORD_COLUMNS} FROM listings WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Who manages a listing `l`, as an SQL condition on the member whose id is `user`: a stall's
/// listing its stall's *current* members (whoever posted it: a member removed from the stall
/// loses it, its conversations and its auctions with the rest); an independent listing its
/// poster.
pub fn managed_by(user: &str) -> String {
    format!(
        "(CASE WHEN l.stall_id IS NULL THEN l.owner_id = {user} ELSE EXISTS (
             SELECT 1 FROM stall_members m WHERE m.stall_id = l.stall_id AND m.user_id = {user}) END)"
    )
}

/// Whether `user_id` may manage listing `id` (see [`managed_by`]).
pub async fn can_manage(db: &Db, id: i64, user_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM listings l WHERE l.id = $1 AND {}",
        managed_by("$2")
    ))
    .bind(id)
    .bind(user_id)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// Listings `user_id` manages (see [`managed_by`]), newest first.
pub async fn own_listings(db: &Db, user_id: i64) -> sqlx::Result<Vec<OwnListingRow>> {
    sqlx::query_as(
        "SELECT l.id, l.slug, l.kind, l.title, l.status, l.rejection_reason, l.close_reason,
                l.expires_at, l.created_at, s.name AS stall_name, a.id AS auction_id,
                a.status AS auction_status
         FROM listings l LEFT JOIN stalls s ON s.id = l.stall_id
         LEFT JOIN auctions a ON a.listing_id = l.id
         WHERE (l.owner_id = $1 AND l.stall_id IS NULL)
            OR l.stall_id IN (SELECT stall_id FROM stall_members WHERE user_id = $1)
         ORDER BY l.created_at DESC, l.id DESC
         LIMIT 500",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// Approved stalls `user_id` may post for: (id, name).
pub async fn postable_stalls(db: &Db, user_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT s.id, s.name FROM stall_members m JOIN stalls s ON s.id = m.stall_id
         WHERE m.user_id = $1 AND s.status = 'approved' ORDER BY s.name",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// When a listing published at `now_ms` stops being shown: the end of the day its poster chose,
/// or [`DEFAULT_DAYS`] later.
pub fn expiry_for(expires_on_day: Option<i64>, now_ms: i64) -> i64 {
    let day = expires_on_day.unwrap_or(vietnam_day(now_ms) + DEFAULT_DAYS);
    vietnam_day_end_ms(day)
}

/// A listing is frozen from its auction's approval until the auction ends: bids are binding on
/// what the bidders saw. SQL for "the listing `listings` names is frozen".
const UNDER_AUCTION: &str = "EXISTS (SELECT 1 FROM auctions a
    WHERE a.listing_id = listings.id AND a.status = 'approved')";

/// Whether listing `id` is frozen by an approved auction that has not ended.
pub async fn under_auction(db: &Db, id: i64) -> sqlx::Result<bool> {
    let found: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM listings WHERE id = $1 AND {UNDER_AUCTION}"
    ))
    .bind(id)
    .fetch_one(db)
    .await?;
    Ok(found > 0)
}

/// Moves a listing from one status to another, only if it is in `from` and not under auction;
/// returns whether it moved. Publishing sets when it expires.
pub async fn transition(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    from: &[&str],
    to: &str,
    extra: Transition<'_>,
    now_ms: i64,
) -> sqlx::Result<bool> {
    let placeholders: Vec<String> = (0..from.len()).map(|i| format!("${}", i + 7)).collect();
    let sql = format!(
        "UPDATE listings SET status = $1, updated_at = $2,
                rejection_reason = $3, close_reason = $4, reviewed_by = COALESCE($5, reviewed_by),
                expires_at = COALESCE($6, expires_at),
                published_at = CASE WHEN $1 = 'published' THEN $2 ELSE published_at END
         WHERE id = ${} AND status IN ({}) AND NOT {UNDER_AUCTION}",
        from.len() + 7,
        placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql)
        .bind(to)
        .bind(now_ms)
        .bind(extra.rejection_reason)
        .bind(extra.close_reason)
        .bind(extra.reviewed_by)
        .bind(extra.expires_at);
    for status in from {
        query = query.bind(*status);
    }
    let result = query.bind(id).execute(conn).await?;
    Ok(result.rows_affected() == 1)
}

/// What a status change records besides the status.
#[derive(Debug, Default, Clone, Copy)]
pub struct Transition<'a> {
    pub rejection_reason: Option<&'a str>,
    pub close_reason: Option<&'a str>,
    pub reviewed_by: Option<i64>,
    pub expires_at: Option<i64>,
}

/// Listings waiting for review, oldest first.
pub async fn pending(db: &Db, limit: i64) -> sqlx::Result<Vec<ListingRecord>> {
    sqlx::query_as(&format!(
        "SELECT {RECORD_COLUMNS} FROM listings WHERE status = 'pending'
         ORDER BY updated_at, id LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Number of listings waiting for review.
pub async fn count_pending(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM listings WHERE status = 'pending'")
        .fetch_one(db)
        .await
}

/// Marks published listings whose time is up as expired, unless under auction (they expire
/// once it ends unsold); returns how many.
pub async fn expire_due(db: &Db, now_ms: i64) -> sqlx::Result<u64> {
    let result = sqlx::query(&format!(
        "UPDATE listings SET status = 'expired', updated_at = $1
         WHERE status = 'published' AND expires_at IS NOT NULL AND expires_at <= $1
           AND NOT {UNDER_AUCTION}"
    ))
    .bind(now_ms)
    .execute(db)
    .await?;
    Ok(result.rows_affected())
}

/// Who to tell about a listing: its poster's address and name, while they still manage it.
pub async fn poster_address(db: &Db, id: i64) -> sqlx::Result<Option<(String, String, String)>> {
    sqlx::query_as(&format!(
        "SELECT u.email, u.display_name, u.locale FROM listings l JOIN users u ON u.id = l.owner_id
         WHERE l.id = $1 AND {}",
        managed_by("u.id")
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}
