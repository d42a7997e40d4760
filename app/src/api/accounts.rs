//! Accounts: register, log in, log out, who is logged in.

pub mod get_current_user;
pub mod log_in;
pub mod log_out;
pub mod register_account;

/// Opens a session for `user_id` and puts its cookie on the response.
#[cfg(feature = "ssr")]
async fn start_session(db: &crate::db::Db, user_id: i64) -> Result<(), crate::error::AppError> {
    use crate::session::{SESSION_TTL_MS, set_cookie};
    let (token, hash) = crate::auth::new_session_token();
    let now = crate::db::now_ms();
    crate::db::accounts::create_session(db, user_id, &hash, now, now + SESSION_TTL_MS).await?;
    set_cookie(&token);
    Ok(())
}
