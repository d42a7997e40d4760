use leptos::prelude::*;

use crate::error::AppError;

/// Logs one of the member's own browsers out, by the id shown in their device list. Revoking
/// the browser in use logs it out too; another member's id is not found.
#[server(endpoint = "revoke_session")]
pub async fn revoke_session(id: String) -> Result<(), AppError> {
    let user = super::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let revoked =
        crate::db::accounts::revoke_own_session(&ctx.db, user.id, &id, crate::db::now_ms())
            .await?
            .ok_or(AppError::NotFound)?;
    let current = crate::session::request_token_hash();
    if current.as_deref() == Some(revoked.as_str()) {
        crate::session::clear_cookie();
        leptos_axum::redirect("/");
    } else {
        leptos_axum::redirect("/account?done=session_revoked#sessions");
    }
    Ok(())
}
