//! Repository functions: all SQL lives here, server-side only.
//!
//! Business logic has one code path for both databases through sqlx's `Any` driver. What differs
//! between SQLite and PostgreSQL is confined to [`dialect`] and the two migration folders.

pub mod accounts;
pub mod alerts;
pub mod article_search;
pub mod articles;
pub mod auctions;
pub mod audit;
pub mod booths;
pub mod catalogue;
pub mod dialect;
pub mod events;
pub mod funding_calls;
pub mod images;
pub mod incubator;
pub mod inquiries;
pub mod introductions;
pub mod investors;
pub mod listing_drafts;
pub mod listings;
pub mod matching;
pub mod mentors;
pub mod notifications;
pub mod operations;
pub mod outbox;
pub mod push;
pub mod registrations;
pub mod search;
pub mod search_index;
pub mod stall_revisions;
pub mod stall_team;
pub mod stalls;
pub mod startup_intros;
pub mod startup_search;
pub mod startups;
pub mod statistics;
pub mod stats;
pub mod text_index;
pub mod throttle;
pub mod videos;

/// A pool of connections to SQLite or PostgreSQL, chosen at start-up by `DATABASE_URL`.
pub type Db = sqlx::AnyPool;

/// Ids written as an SQL list (`1, 2, 3`) for `IN (…)`: numbers only, so safe in a statement's
/// text, and one statement however many there are.
pub(crate) fn id_list(ids: impl IntoIterator<Item = i64>) -> String {
    ids.into_iter()
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Page `page` (from 1) of `per_page` rows of `items` (a query whose `LIMIT $1 OFFSET $2` picks
/// the page), with the `count` of all of them: for lists with nothing to filter on.
pub async fn page_of<T>(
    db: &Db,
    (items, count): (&str, &str),
    page: u32,
    per_page: u32,
) -> sqlx::Result<crate::model::Page<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
    let items = sqlx::query_as(items)
        .bind(i64::from(per_page))
        .bind(offset)
        .fetch_all(db)
        .await?;
    let total = sqlx::query_scalar(count).fetch_one(db).await?;
    Ok(crate::model::Page {
        items,
        page,
        per_page,
        total,
    })
}

/// Whether a row of `table` (one of the site's tables with unique slugs: articles, videos,
/// events) other than `id` has `slug`.
pub(crate) async fn slug_taken(
    conn: &mut sqlx::AnyConnection,
    table: &'static str,
    slug: &str,
    id: i64,
) -> sqlx::Result<bool> {
    let taken: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM {table} WHERE slug = $1 AND id <> $2"
    ))
    .bind(slug)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(taken.is_some())
}

/// Milliseconds since the Unix epoch, UTC: how every time is stored.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
