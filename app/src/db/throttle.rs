//! Wrong passwords in a row, per e-mail address (see [`crate::rate_limit`]).

use super::Db;
use crate::domain::Email;

/// Until when (ms since the epoch) login attempts for `email` are refused, if they are now.
pub async fn login_blocked_until(db: &Db, email: &Email, now_ms: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT blocked_until FROM login_throttle WHERE email = $1 AND blocked_until > $2",
    )
    .bind(email.as_str())
    .bind(now_ms)
    .fetch_optional(db)
    .await
}

/// Counts one more wrong password for `email` and returns how many there now are in a row.
pub async fn record_login_failure(db: &Db, email: &Email, now_ms: i64) -> sqlx::Result<u32> {
    let failures: i32 = sqlx::query_scalar(
        "INSERT INTO login_throttle (email, failures, blocked_until, updated_at) VALUES ($1, 1, 0, $2) \
         ON CONFLICT (email) DO UPDATE SET failures = login_throttle.failures + 1, updated_at = $2 \
         RETURNING failures",
    )
    .bind(email.as_str())
    .bind(now_ms)
    .fetch_one(db)
    .await?;
    Ok(u32::try_from(failures).unwrap_or(0))
}

/// Refuses attempts for `email` until `until_ms` (never moving an existing lock earlier).
pub async fn block_login(db: &Db, email: &Email, until_ms: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE login_throttle SET blocked_until = $2 WHERE email = $1 AND blocked_until < $2",
    )
    .bind(email.as_str())
    .bind(until_ms)
    .execute(db)
    .await?;
    Ok(())
}

/// Forgets the failures of `email` after a successful login.
pub async fn clear_login_failures(db: &Db, email: &Email) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_throttle WHERE email = $1")
        .bind(email.as_str())
        .execute(db)
        .await?;
    Ok(())
}
