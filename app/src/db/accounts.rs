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

/// Creates a member account whose address counts as confirmed (demo data, tests, tools); the
/// address must not be registered yet.
pub async fn create_user(
    db: impl sqlx::Executor<'_, Database = sqlx::Any>,
    email: &Email,
    display_name: &DisplayName,
    password_hash: &str,
    now_ms: i64,
) -> Result<i64, CreateUserError> {
    insert_user(db, email, display_name, password_hash, now_ms, Some(now_ms)).await
}

/// Opens an account from the registration form: its address is not confirmed until the mailed
/// link is opened, and it cannot log in before.
pub async fn register_user(
    db: impl sqlx::Executor<'_, Database = sqlx::Any>,
    email: &Email,
    display_name: &DisplayName,
    password_hash: &str,
    now_ms: i64,
) -> Result<i64, CreateUserError> {
    insert_user(db, email, display_name, password_hash, now_ms, None).await
}

async fn insert_user(
    db: impl sqlx::Executor<'_, Database = sqlx::Any>,
    email: &Email,
    display_name: &DisplayName,
    password_hash: &str,
    now_ms: i64,
    confirmed_at: Option<i64>,
) -> Result<i64, CreateUserError> {
    sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, created_at, email_confirmed_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(email.as_str())
    .bind(display_name.as_str())
    .bind(password_hash)
    .bind(now_ms)
    .bind(confirmed_at)
    .fetch_one(db)
    .await
    .map_err(|err| match &err {
        sqlx::Error::Database(db_err) if db_err.is_unique_violation() => {
            CreateUserError::EmailTaken
        }
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
    create_session_with_agent(db, user_id, token_hash, "", now_ms, expires_at_ms).await
}

/// Records a session opened from the browser `user_agent` (kept to show in the device list).
pub async fn create_session_with_agent(
    db: &Db,
    user_id: i64,
    token_hash: &str,
    user_agent: &str,
    now_ms: i64,
    expires_at_ms: i64,
) -> sqlx::Result<()> {
    let user_agent: String = user_agent.chars().take(300).collect();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, public_id, user_agent)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now_ms)
    .bind(expires_at_ms)
    .bind(crate::auth::random_id())
    .bind(user_agent)
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

/// Ends every session of a member (after a password reset, or by an administrator).
pub async fn revoke_all_sessions(
    conn: impl sqlx::Executor<'_, Database = sqlx::Any>,
    user_id: i64,
    now_ms: i64,
) -> sqlx::Result<u64> {
    let result = sqlx::query(
        "UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
    )
    .bind(user_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}

/// A live session as its member sees it in the list of devices.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    pub public_id: String,
    pub token_hash: String,
    pub user_agent: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// A member's live sessions, newest first.
pub async fn live_sessions(db: &Db, user_id: i64, now_ms: i64) -> sqlx::Result<Vec<SessionRow>> {
    sqlx::query_as::<_, SessionRow>(
        "SELECT public_id, token_hash, user_agent, created_at, expires_at FROM sessions
         WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
         ORDER BY created_at DESC",
    )
    .bind(user_id)
    .bind(now_ms)
    .fetch_all(db)
    .await
}

/// Ends one of `user_id`'s own sessions by its public id; another member's id revokes nothing.
/// Returns the revoked session's token hash.
pub async fn revoke_own_session(
    db: &Db,
    user_id: i64,
    public_id: &str,
    now_ms: i64,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "UPDATE sessions SET revoked_at = $3
         WHERE public_id = $1 AND user_id = $2 AND revoked_at IS NULL
         RETURNING token_hash",
    )
    .bind(public_id)
    .bind(user_id)
    .bind(now_ms)
    .fetch_optional(db)
    .await
}

/// Ends every session of `user_id` except the one with `keep_token_hash`.
pub async fn revoke_other_sessions(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    keep_token_hash: &str,
    now_ms: i64,
) -> sqlx::Result<u64> {
    let result = sqlx::query(
        "UPDATE sessions SET revoked_at = $3
         WHERE user_id = $1 AND token_hash <> $2 AND revoked_at IS NULL",
    )
    .bind(user_id)
    .bind(keep_token_hash)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}

/// A member's address, name, role and password hash.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub password_hash: String,
    pub created_at: i64,
}

/// The member with this id.
pub async fn account(
    db: impl sqlx::Executor<'_, Database = sqlx::Any>,
    user_id: i64,
) -> sqlx::Result<Option<Account>> {
    sqlx::query_as::<_, Account>(
        "SELECT id, email, display_name, role, password_hash, created_at FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await
}

/// The member with this address.
pub async fn account_by_email(db: &Db, email: &Email) -> sqlx::Result<Option<Account>> {
    sqlx::query_as::<_, Account>(
        "SELECT id, email, display_name, role, password_hash, created_at FROM users WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(db)
    .await
}

/// Replaces a member's password hash.
pub async fn set_password_hash(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    password_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Records a password reset link for `user_id`, valid until `expires_at_ms`.
pub async fn create_password_reset(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    token_hash: &str,
    now_ms: i64,
    expires_at_ms: i64,
) -> sqlx::Result<()> {
    // Only the newest link works: an older mail someone else may have read is void.
    void_password_resets(conn, user_id, now_ms).await?;
    sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now_ms)
    .bind(expires_at_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// Voids every reset link of `user_id` not used yet (after a new link, a reset or a password
/// change).
pub async fn void_password_resets(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL")
        .bind(user_id)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whether member `user_id` has confirmed their address (by a mailed link, or a reset link).
pub async fn email_confirmed(db: &Db, user_id: i64) -> sqlx::Result<bool> {
    let at: Option<i64> = sqlx::query_scalar("SELECT email_confirmed_at FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(db)
        .await?
        .flatten();
    Ok(at.is_some())
}

/// Marks member `user_id`'s address confirmed (if it was not yet).
pub async fn confirm_email(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE users SET email_confirmed_at = $2 WHERE id = $1 AND email_confirmed_at IS NULL",
    )
    .bind(user_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives an unconfirmed account the name and password of whoever registered it last: only the
/// one who reads its mail can confirm it.
pub async fn replace_unconfirmed(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    display_name: &DisplayName,
    password_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE users SET display_name = $2, password_hash = $3
         WHERE id = $1 AND email_confirmed_at IS NULL",
    )
    .bind(user_id)
    .bind(display_name.as_str())
    .bind(password_hash)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a confirmation link for `user_id`, valid until `expires_at_ms`; older ones are void.
pub async fn create_email_confirmation(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    token_hash: &str,
    now_ms: i64,
    expires_at_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE email_confirmations SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL",
    )
    .bind(user_id)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO email_confirmations (token_hash, user_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now_ms)
    .bind(expires_at_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// When `user_id` was last sent a confirmation link, if ever.
pub async fn last_email_confirmation_at(db: &Db, user_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT MAX(created_at) FROM email_confirmations WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(db)
        .await
}

/// Uses up a confirmation link: the member it was for, if it is known, unused and unexpired.
pub async fn consume_email_confirmation(
    conn: &mut sqlx::AnyConnection,
    token_hash: &str,
    now_ms: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "UPDATE email_confirmations SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING user_id",
    )
    .bind(token_hash)
    .bind(now_ms)
    .fetch_optional(conn)
    .await
}

/// Records the language the member reads the site in, for mails others' actions send them.
pub async fn set_locale(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    locale: crate::i18n::Locale,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
        .bind(locale.code())
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// When the member was last sent a reset link, if ever.
pub async fn last_password_reset_at(db: &Db, user_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT MAX(created_at) FROM password_resets WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(db)
        .await
}

/// Uses up a reset link: the member it was for, if it is known, unused and unexpired. One
/// statement, so two requests with the same link cannot both succeed.
pub async fn consume_password_reset(
    conn: &mut sqlx::AnyConnection,
    token_hash: &str,
    now_ms: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING user_id",
    )
    .bind(token_hash)
    .bind(now_ms)
    .fetch_optional(conn)
    .await
}

/// Whether a reset link can still be used (to show its form or say it is spent).
pub async fn password_reset_is_usable(
    db: &Db,
    token_hash: &str,
    now_ms: i64,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now_ms)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// A member as the administrators' list shows them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UserSummary {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub created_at: i64,
}

/// Members whose address or name contains `query` (any when empty), newest first.
pub async fn list_users(
    db: &Db,
    query: &str,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<UserSummary>, i64)> {
    let pattern = format!("%{}%", query.trim().to_lowercase().replace(['%', '_'], ""));
    let filter = "WHERE lower(email) LIKE $1 OR lower(display_name) LIKE $1";
    let users = sqlx::query_as::<_, UserSummary>(&format!(
        "SELECT id, email, display_name, role, created_at FROM users {filter}
         ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(&pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM users {filter}"))
        .bind(&pattern)
        .fetch_one(db)
        .await?;
    Ok((users, total))
}

/// Sets a member's role; returns the role they had, or `None` when there is no such member.
pub async fn set_role(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    role: &str,
) -> sqlx::Result<Option<String>> {
    let previous: Option<String> = sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?;
    if previous.is_some() {
        sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
            .bind(role)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(previous)
}

/// Locks member `user`'s row until the end of the transaction on `conn` (a write that changes
/// nothing): the lock two of their requests race for, so a count read after it (saved searches,
/// introductions asked today) holds until the commit. On SQLite it also takes the write lock
/// first, which a transaction that reads before it writes may be refused.
pub async fn lock_member(conn: &mut sqlx::AnyConnection, user: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET match_alerts = match_alerts WHERE id = $1")
        .bind(user)
        .execute(conn)
        .await?;
    Ok(())
}
