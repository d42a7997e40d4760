use leptos::prelude::*;

use crate::error::AppError;

/// Logs out every browser of the member except this one.
#[server(endpoint = "revoke_other_sessions")]
pub async fn revoke_other_sessions() -> Result<(), AppError> {
    let user = super::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let keep = crate::session::request_token_hash().unwrap_or_default();
    let mut conn = ctx.db.acquire().await?;
    crate::db::accounts::revoke_other_sessions(&mut conn, user.id, &keep, crate::db::now_ms())
        .await?;
    leptos_axum::redirect("/account?done=sessions_revoked#sessions");
    Ok(())
}
