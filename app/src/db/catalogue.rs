//! Reading stalls, listings and auctions for lists and cards.

use super::Db;
use crate::model::{AuctionCard, ListingCard, ListingKind, StallCard, StallContact, StallProfile};

pub(crate) const LISTING_CARD_COLUMNS: &str = "l.id, l.slug, l.kind, l.listing_type, l.title, l.summary, \
     l.sector_code, l.province_code, l.price_vnd, s.name AS stall_name, s.slug AS stall_slug, l.created_at, l.cover_thumb, \
     l.seller_name, l.budget_min_vnd, l.budget_max_vnd";

/// A [`StallCard`]'s columns, `s` being the stall; its offers are counted through the
/// `listings_stall` index.
pub(crate) const STALL_CARD_COLUMNS: &str = "s.id, s.slug, s.name, s.org_kind, s.sector_code, \
     s.province_code, s.description, \
     (SELECT COUNT(*) FROM listings l \
       WHERE l.stall_id = s.id AND l.status = 'published' AND l.kind = 'offer') AS offer_count, \
     s.logo_key";

/// Published listings of one kind, newest first.
///
/// The page's ids are picked from the (status, kind, created_at) index alone, then joined: a deep
/// page skips index entries, not whole rows with their stalls (page 400 at scale 1: 15 ms → 0.6 ms in SQLite).
pub async fn latest_listings(
    db: &Db,
    kind: ListingKind,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<ListingCard>> {
    sqlx::query_as::<_, ListingCard>(&format!(
        "SELECT {LISTING_CARD_COLUMNS}
         FROM (SELECT id FROM listings
               WHERE status = 'published' AND kind = $1
               ORDER BY created_at DESC, id DESC
               LIMIT $2 OFFSET $3) page
         JOIN listings l ON l.id = page.id
         LEFT JOIN stalls s ON s.id = l.stall_id
         ORDER BY l.created_at DESC, l.id DESC"
    ))
    .bind(kind.code())
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// Number of published listings of one kind.
pub async fn count_listings(db: &Db, kind: ListingKind) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM listings WHERE status = 'published' AND kind = $1")
        .bind(kind.code())
        .fetch_one(db)
        .await
}

/// Approved stalls, those with most offers first (the home page's featured ones).
pub async fn stalls(db: &Db, limit: i64, offset: i64) -> sqlx::Result<Vec<StallCard>> {
    sqlx::query_as::<_, StallCard>(&format!(
        "SELECT {STALL_CARD_COLUMNS}
         FROM stalls s
         WHERE s.status = 'approved'
         ORDER BY offer_count DESC, s.id
         LIMIT $1 OFFSET $2"
    ))
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// Which auctions an index shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuctionPhase {
    /// Approved and running: ending soonest first.
    Running,
    /// Approved, not yet started: starting soonest first.
    Upcoming,
    /// Over (closed, or past their end and being closed): latest end first.
    Ended,
}

impl AuctionPhase {
    /// From the index's `show` parameter (anything else: running).
    pub fn parse(code: &str) -> Self {
        match code {
            "upcoming" => Self::Upcoming,
            "ended" => Self::Ended,
            _ => Self::Running,
        }
    }

    fn filter_and_order(self) -> (&'static str, &'static str) {
        match self {
            Self::Running => (
                "a.status = 'approved' AND a.starts_at <= $1 AND a.ends_at > $1",
                "a.ends_at, a.id",
            ),
            Self::Upcoming => (
                "a.status = 'approved' AND a.starts_at > $1",
                "a.starts_at, a.id",
            ),
            Self::Ended => (
                "(a.status = 'closed' OR (a.status = 'approved' AND a.ends_at <= $1))",
                "a.ends_at DESC, a.id DESC",
            ),
        }
    }
}

/// Approved auctions running at `now_ms`, ending soonest first.
pub async fn running_auctions(
    db: &Db,
    now_ms: i64,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<AuctionCard>> {
    auctions_in(db, AuctionPhase::Running, now_ms, limit, offset).await
}

/// One page of the auctions in `phase` at `now_ms`.
pub async fn auctions_in(
    db: &Db,
    phase: AuctionPhase,
    now_ms: i64,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<AuctionCard>> {
    let (filter, order) = phase.filter_and_order();
    sqlx::query_as::<_, AuctionCard>(&format!(
        "SELECT a.id, l.slug AS listing_slug, l.title, a.current_price_vnd, a.bid_count,
                a.starts_at, a.ends_at, a.sold_price_vnd,
                CASE WHEN a.status = 'closed' OR a.ends_at <= $1 THEN 'ended'
                     WHEN a.starts_at > $1 THEN 'upcoming' ELSE 'running' END AS phase
         FROM auctions a JOIN listings l ON l.id = a.listing_id
         WHERE {filter}
         ORDER BY {order}
         LIMIT $2 OFFSET $3"
    ))
    .bind(now_ms)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// Number of auctions in `phase` at `now_ms`.
pub async fn count_auctions_in(db: &Db, phase: AuctionPhase, now_ms: i64) -> sqlx::Result<i64> {
    let (filter, _) = phase.filter_and_order();
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM auctions a WHERE {filter}"))
        .bind(now_ms)
        .fetch_one(db)
        .await
}

/// The auction of listing `listing_id` once it is public (approved or closed).
pub async fn public_auction_of(db: &Db, listing_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM auctions WHERE listing_id = $1 AND status IN ('approved', 'closed')",
    )
    .bind(listing_id)
    .fetch_optional(db)
    .await
}

/// Number of approved auctions running at `now_ms`.
pub async fn count_running_auctions(db: &Db, now_ms: i64) -> sqlx::Result<i64> {
    count_auctions_in(db, AuctionPhase::Running, now_ms).await
}

/// A published listing's own fields, by slug (the description still as Markdown).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListingRow {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub listing_type: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub sector_code: String,
    pub province_code: String,
    pub price_vnd: Option<i64>,
    pub seller_name: Option<String>,
    pub seller_phone: Option<String>,
    pub created_at: i64,
    pub view_count: i64,
    pub stall_id: Option<i64>,
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
    pub seller_email: Option<String>,
    pub expires_at: Option<i64>,
}

/// The published listing with this slug.
pub async fn published_listing(db: &Db, slug: &str) -> sqlx::Result<Option<ListingRow>> {
    sqlx::query_as::<_, ListingRow>(
        "SELECT id, slug, kind, listing_type, title, summary, description, sector_code,
                province_code, price_vnd, seller_name, seller_phone, created_at, view_count, stall_id,
                budget_min_vnd, budget_max_vnd, quantity, unit, item_condition, origin_country,
                manufacturer, warranty, trl, ip_kind, ip_number, certifications, transfer_modes,
                seller_email, expires_at
         FROM listings WHERE slug = $1 AND status = 'published'",
    )
    .bind(slug)
    .fetch_optional(db)
    .await
}

/// How a listing's page presents its stall (approved stalls only).
pub async fn stall_contact(db: &Db, stall_id: i64) -> sqlx::Result<Option<StallContact>> {
    sqlx::query_as::<_, StallContact>(
        "SELECT slug, name, org_kind, province_code, phone, email, website, logo_key
         FROM stalls WHERE id = $1 AND status = 'approved'",
    )
    .bind(stall_id)
    .fetch_optional(db)
    .await
}

/// Other published listings of the same kind and sector, newest first.
pub async fn related_listings(
    db: &Db,
    listing_id: i64,
    kind: &str,
    sector_code: &str,
    limit: i64,
) -> sqlx::Result<Vec<ListingCard>> {
    sqlx::query_as::<_, ListingCard>(&format!(
        "SELECT {LISTING_CARD_COLUMNS}
         FROM listings l LEFT JOIN stalls s ON s.id = l.stall_id
         WHERE l.status = 'published' AND l.kind = $1 AND l.sector_code = $2 AND l.id <> $3
         ORDER BY l.created_at DESC, l.id DESC
         LIMIT $4"
    ))
    .bind(kind)
    .bind(sector_code)
    .bind(listing_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Adds page views counted in memory to listings' stored counts and to their counts for `day`
/// (days since 1970-01-01, Vietnam time), which a stall's figures chart.
pub async fn add_listing_views(db: &Db, views: &[(i64, i64)], day: i64) -> sqlx::Result<()> {
    if views.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for (id, n) in views {
        sqlx::query("UPDATE listings SET view_count = view_count + $1 WHERE id = $2")
            .bind(n)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        // A listing deleted since its view was counted has no row to count for.
        sqlx::query(
            "INSERT INTO listing_views_daily (listing_id, day, views)
             SELECT id, $2, $3 FROM listings WHERE id = $1
             ON CONFLICT (listing_id, day)
             DO UPDATE SET views = listing_views_daily.views + excluded.views",
        )
        .bind(id)
        .bind(day)
        .bind(n)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// The approved stall with this slug.
pub async fn approved_stall(db: &Db, slug: &str) -> sqlx::Result<Option<StallProfile>> {
    sqlx::query_as::<_, StallProfile>(
        "SELECT id, slug, name, org_kind, sector_code, other_sectors, province_code, description,
                address, phone, email, website, founded_year, contact_person, certifications,
                logo_key, cover_key
         FROM stalls WHERE slug = $1 AND status = 'approved'",
    )
    .bind(slug)
    .fetch_optional(db)
    .await
}

/// A stall's published listings of one kind, newest first.
pub async fn stall_listings(
    db: &Db,
    stall_id: i64,
    kind: ListingKind,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<ListingCard>> {
    sqlx::query_as::<_, ListingCard>(&format!(
        "SELECT {LISTING_CARD_COLUMNS}
         FROM listings l JOIN stalls s ON s.id = l.stall_id
         WHERE l.stall_id = $1 AND l.status = 'published' AND l.kind = $2
         ORDER BY l.created_at DESC, l.id DESC
         LIMIT $3 OFFSET $4"
    ))
    .bind(stall_id)
    .bind(kind.code())
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// Number of a stall's published listings of one kind.
pub async fn count_stall_listings(db: &Db, stall_id: i64, kind: ListingKind) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM listings WHERE stall_id = $1 AND status = 'published' AND kind = $2",
    )
    .bind(stall_id)
    .bind(kind.code())
    .fetch_one(db)
    .await
}

/// Every approved stall's slug and when it last changed (ms since the epoch), for the sitemap.
pub async fn sitemap_stalls(db: &Db) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT slug, COALESCE(updated_at, created_at) FROM stalls
         WHERE status = 'approved' ORDER BY id",
    )
    .fetch_all(db)
    .await
}

/// When an approved stall last changed, if there is one.
pub async fn sitemap_stalls_updated(db: &Db) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT MAX(COALESCE(updated_at, created_at)) FROM stalls WHERE status = 'approved'",
    )
    .fetch_one(db)
    .await
}

/// The sitemap's listing files: published listings by id, `per_file` a file; for each file, when
/// its newest change was (ms since the epoch).
pub async fn sitemap_listing_files(db: &Db, per_file: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT MAX(changed) FROM (
           SELECT (ROW_NUMBER() OVER (ORDER BY id) - 1) / $1 AS file,
                  COALESCE(updated_at, published_at, created_at) AS changed
           FROM listings WHERE status = 'published'
         ) AS numbered GROUP BY file ORDER BY file",
    )
    .bind(per_file)
    .fetch_all(db)
    .await
}

/// Published listings' slugs and when each last changed, by id, `limit` from `offset` on.
pub async fn sitemap_listings(
    db: &Db,
    offset: i64,
    limit: i64,
) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT slug, COALESCE(updated_at, published_at, created_at) FROM listings
         WHERE status = 'published' ORDER BY id LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}
