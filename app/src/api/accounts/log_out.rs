use leptos::prelude::*;

use crate::error::AppError;

/// Ends this browser's session and goes to the home page.
#[server(endpoint = "log_out")]
pub async fn log_out() -> Result<(), AppError> {
    use crate::session::{clear_cookie, request_token_hash};

    if let Some(hash) = request_token_hash() {
        let ctx = crate::server_context::server_context()?;
        // This browser's devices stop hearing from the exchange with its session.
        crate::db::push::forget_session(&ctx.db, &hash).await?;
        crate::db::accounts::revoke_session(&ctx.db, &hash, crate::db::now_ms()).await?;
    }
    clear_cookie();
    leptos_axum::redirect("/");
    Ok(())
}
