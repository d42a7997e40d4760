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

/// Adds `n` page views to the stored visit total and to the day's (`day`: days since
/// 1970-01-01, Vietnam time), in one transaction.
pub async fn add_visits(db: &Db, n: i64, day: i64) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO site_counters (name, value) VALUES ('visits', $1)
         ON CONFLICT (name) DO UPDATE SET value = site_counters.value + excluded.value",
    )
    .bind(n)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO site_visits_daily (day, views) VALUES ($1, $2)
         ON CONFLICT (day) DO UPDATE SET views = site_visits_daily.views + excluded.views",
    )
    .bind(day)
    .bind(n)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Adds searches that found nothing on `day` to the log of such searches.
pub async fn add_search_misses(db: &Db, misses: &[(String, i64)], day: i64) -> sqlx::Result<()> {
    if misses.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for (words, n) in misses {
        sqlx::query(
            "INSERT INTO search_misses (words, day, times) VALUES ($1, $2, $3)
             ON CONFLICT (words, day) DO UPDATE SET times = search_misses.times + excluded.times",
        )
        .bind(words)
        .bind(day)
        .bind(n)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Checks the database answers; used by `/healthz`.
pub async fn ping(db: &Db) -> sqlx::Result<()> {
    sqlx::query("SELECT 1").execute(db).await?;
    Ok(())
}
