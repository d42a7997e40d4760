//! Members and their sessions.

use super::Db;
use crate::domain::{DisplayName, Email};

/// A member as the rest of the server sees them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
}

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    /// Someone already registered this address.
    #[error("email already registered")]
    EmailTaken,
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Creates a member account; the address must not be registered yet.
pub async fn create_user(
    db: &Db,
    email: &Email,
    display_name: &DisplayName,
    password_hash: &str,
    now_ms: i64,
) -> Result<i64, CreateUserError> {
    sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(email.as_str())
    .bind(display_name.as_str())
    .bind(password_hash)
    .bind(now_ms)
    .fetch_one(db)
    .await
    .map_err(|err| match &err {
        sqlx::Error::Database(db_err) if db_err.is_unique_violation() => CreateUserError::EmailTaken,
        _ => CreateUserError::Database(err),
    })
}

/// The member with this address and their password hash, for logging in.
pub async fn find_login(db: &Db, email: &Email) -> sqlx::Result<Option<(User, String)>> {
    let row: Option<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT id, email, display_name, role, password_hash FROM users WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id, email, display_name, role, hash)| {
        (
            User {
                id,
                email,
                display_name,
                role,
            },
            hash,
        )
    }))
}

/// Records a session for `user_id`, valid until `expires_at_ms`.
pub async fn create_session(
    db: &Db,
    user_id: i64,
    token_hash: &str,
    now_ms: i64,
    expires_at_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(user_id)
        .bind(now_ms)
        .bind(expires_at_ms)
        .execute(db)
        .await?;
    Ok(())
}

/// The member behind a live session: not revoked, not expired.
pub async fn session_user(db: &Db, token_hash: &str, now_ms: i64) -> sqlx::Result<Option<User>> {
    sqlx::query_as::<_, User>(
        "SELECT u.id, u.email, u.display_name, u.role
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now_ms)
    .fetch_optional(db)
    .await
}

/// Ends one session (logging out). Returns whether a live session was revoked.
pub async fn revoke_session(db: &Db, token_hash: &str, now_ms: i64) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(token_hash)
    .bind(now_ms)
    .execute(db)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Ends every session of a member (after a password change, or by an administrator).
pub async fn revoke_all_sessions(db: &Db, user_id: i64, now_ms: i64) -> sqlx::Result<u64> {
    let result = sqlx::query(
        "UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
    )
    .bind(user_id)
    .bind(now_ms)
    .execute(db)
    .await?;
    Ok(result.rows_affected())
}
