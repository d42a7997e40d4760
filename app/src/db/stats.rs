//! Site-wide counters: the home page figures and page visits.

use super::Db;
use crate::model::Counters;

/// Counts what the home page shows, in one round trip. `visits` is the stored total only.
pub async fn counters(db: &Db, now_ms: i64) -> sqlx::Result<Counters> {
    sqlx::query_as::<_, Counters>(
        "SELECT
            (SELECT COUNT(*) FROM stalls WHERE status = 'approved') AS stalls,
            (SELECT COUNT(*) FROM listings WHERE status = 'published' AND kind = 'offer') AS offers,
            (SELECT COUNT(*) FROM listings WHERE status = 'published' AND kind = 'request') AS requests,
            (SELECT COUNT(*) FROM auctions
                WHERE status = 'approved' AND starts_at <= $1 AND ends_at > $1) AS auctions_running,
            (SELECT COALESCE(MAX(value), 0) FROM site_counters WHERE name = 'visits') AS visits",
    )
    .bind(now_ms)
    .fetch_one(db)
    .await
}

/// Adds `n` page views to the stored visit total.
pub async fn add_visits(db: &Db, n: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO site_counters (name, value) VALUES ('visits', $1)
         ON CONFLICT (name) DO UPDATE SET value = site_counters.value + excluded.value",
    )
    .bind(n)
    .execute(db)
    .await?;
    Ok(())
}

/// Checks the database answers; used by `/healthz`.
pub async fn ping(db: &Db) -> sqlx::Result<()> {
    sqlx::query("SELECT 1").execute(db).await?;
    Ok(())
}
