//! Accounts: register, log in and out, passwords, sessions, roles.

pub mod change_password;
pub mod confirm_email;
pub mod get_account;
pub mod get_current_user;
pub mod list_users;
pub mod log_in;
pub mod log_out;
pub mod register_account;
pub mod request_password_reset;
pub mod reset_password;
pub mod revoke_other_sessions;
pub mod revoke_session;
pub mod revoke_user_sessions;
pub mod set_user_role;

/// The current request's `User-Agent`, empty without one.
#[cfg(feature = "ssr")]
pub(crate) fn request_user_agent() -> String {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_default()
}

/// Opens a session for `user_id` and puts its cookie on the response.
#[cfg(feature = "ssr")]
async fn start_session(db: &crate::db::Db, user_id: i64) -> Result<(), crate::error::AppError> {
    use crate::session::{SESSION_TTL_MS, set_cookie};
    let (token, hash) = crate::auth::new_session_token();
    let now = crate::db::now_ms();
    let user_agent = request_user_agent();
    crate::db::accounts::create_session_with_agent(
        db,
        user_id,
        &hash,
        &user_agent,
        now,
        now + SESSION_TTL_MS,
    )
    .await?;
    set_cookie(&token);
    Ok(())
}

/// The logged-in member, or `Unauthorized`.
#[cfg(feature = "ssr")]
pub fn require_user() -> Result<crate::model::CurrentUser, crate::error::AppError> {
    crate::session::current_user().ok_or(crate::error::AppError::Unauthorized)
}

/// The logged-in member if their role includes `role`; `Unauthorized` for visitors and
/// `Forbidden` for members without it.
#[cfg(feature = "ssr")]
pub fn require_role(
    role: crate::domain::Role,
) -> Result<crate::model::CurrentUser, crate::error::AppError> {
    let user = require_user()?;
    match crate::domain::Role::parse(&user.role) {
        Ok(theirs) if theirs.includes(role) => Ok(user),
        _ => Err(crate::error::AppError::Forbidden),
    }
}

/// Waits for a turn at argon2id: at most one hash or check per core runs at once, so a burst of
/// them (each takes ~20 MB and tens of milliseconds of a core) queues instead of filling the
/// blocking pool and the memory, and every other request keeps its share of the machine.
#[cfg(feature = "ssr")]
async fn password_turn() -> Result<tokio::sync::SemaphorePermit<'static>, crate::error::AppError> {
    static TURNS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    TURNS
        .get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            tokio::sync::Semaphore::new(cores)
        })
        .acquire()
        .await
        .map_err(|_| crate::error::AppError::Internal)
}

/// Checks a password against a stored hash on the blocking pool (argon2id is slow on purpose).
#[cfg(feature = "ssr")]
async fn verify_password(password: String, hash: String) -> Result<bool, crate::error::AppError> {
    let _turn = password_turn().await?;
    tokio::task::spawn_blocking(move || crate::auth::verify_password(&password, &hash))
        .await
        .map_err(|_| crate::error::AppError::Internal)
}

/// Hashes a new password on the blocking pool.
#[cfg(feature = "ssr")]
async fn hash_password(
    password: crate::domain::Password,
) -> Result<String, crate::error::AppError> {
    let _turn = password_turn().await?;
    tokio::task::spawn_blocking(move || crate::auth::hash_password(&password))
        .await
        .map_err(|_| crate::error::AppError::Internal)
}
