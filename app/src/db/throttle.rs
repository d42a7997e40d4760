//! Wrong passwords in a row, per e-mail address and per browser a member has logged in from
//! (see [`crate::rate_limit`]).

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

/// Counts one more wrong password for `email` and returns how many there now are in a row;
/// failures before `forget_before_ms` (the last one that long ago) are forgotten.
pub async fn record_login_failure(
    db: &Db,
    email: &Email,
    now_ms: i64,
    forget_before_ms: i64,
) -> sqlx::Result<u32> {
    let failures: i32 = sqlx::query_scalar(
        "INSERT INTO login_throttle (email, failures, blocked_until, updated_at) VALUES ($1, 1, 0, $2) \
         ON CONFLICT (email) DO UPDATE SET updated_at = $2, failures = CASE \
           WHEN login_throttle.updated_at < $3 THEN 1 ELSE login_throttle.failures + 1 END \
         RETURNING failures",
    )
    .bind(email.as_str())
    .bind(now_ms)
    .bind(forget_before_ms)
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

/// A browser a member has logged in from, known by the hash of its device cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct KnownDevice {
    pub user_id: i64,
    /// No attempt from it is checked before this time (ms since the epoch).
    pub blocked_until: i64,
}

/// Browsers remembered per member; logging in from one more forgets the longest unused.
pub const DEVICES_PER_MEMBER: i64 = 20;

/// The browser whose device cookie hashes to `token_hash`, if a member logged in from it.
pub async fn known_device(db: &Db, token_hash: &str) -> sqlx::Result<Option<KnownDevice>> {
    sqlx::query_as("SELECT user_id, blocked_until FROM known_devices WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(db)
        .await
}

/// Remembers (or refreshes) a browser `user_id` just logged in from, forgetting its failures and
/// the member's longest unused browsers beyond [`DEVICES_PER_MEMBER`].
pub async fn remember_device(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    now_ms: i64,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO known_devices (token_hash, user_id, failures, blocked_until, updated_at) \
         VALUES ($1, $2, 0, 0, $3) \
         ON CONFLICT (token_hash) DO UPDATE SET user_id = $2, failures = 0, blocked_until = 0, \
           updated_at = $3",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now_ms)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "DELETE FROM known_devices WHERE user_id = $1 AND token_hash NOT IN \
           (SELECT token_hash FROM known_devices WHERE user_id = $1 \
            ORDER BY updated_at DESC, token_hash LIMIT $2)",
    )
    .bind(user_id)
    .bind(DEVICES_PER_MEMBER)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Counts one more wrong password typed in a known browser and returns how many there now are
/// in a row (forgetting those before `forget_before_ms`, as for an address).
pub async fn record_device_failure(
    db: &Db,
    token_hash: &str,
    now_ms: i64,
    forget_before_ms: i64,
) -> sqlx::Result<u32> {
    let failures: Option<i32> = sqlx::query_scalar(
        "UPDATE known_devices SET updated_at = $2, failures = CASE \
           WHEN updated_at < $3 THEN 1 ELSE failures + 1 END \
         WHERE token_hash = $1 RETURNING failures",
    )
    .bind(token_hash)
    .bind(now_ms)
    .bind(forget_before_ms)
    .fetch_optional(db)
    .await?;
    Ok(failures.and_then(|f| u32::try_from(f).ok()).unwrap_or(0))
}

/// Refuses attempts from a known browser until `until_ms` (never moving a lock earlier).
pub async fn block_device(db: &Db, token_hash: &str, until_ms: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE known_devices SET blocked_until = $2 WHERE token_hash = $1 AND blocked_until < $2",
    )
    .bind(token_hash)
    .bind(until_ms)
    .execute(db)
    .await?;
    Ok(())
}
