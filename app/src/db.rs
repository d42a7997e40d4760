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
pub mod catalogue;
pub mod dialect;
pub mod events;
pub mod images;
pub mod inquiries;
pub mod introductions;
pub mod listing_drafts;
pub mod listings;
pub mod matching;
pub mod notifications;
pub mod outbox;
pub mod push;
pub mod search;
pub mod search_index;
pub mod stall_revisions;
pub mod stall_team;
pub mod stalls;
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

/// Milliseconds since the Unix epoch, UTC: how every time is stored.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
