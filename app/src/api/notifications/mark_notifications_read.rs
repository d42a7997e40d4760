use leptos::prelude::*;

use crate::error::AppError;

/// Marks the member's notifications up to `up_to` (the newest they were shown) read; newer ones
/// that arrived meanwhile stay unread. Their other open pages' bells hear it.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read(up_to: i64) -> Result<(), AppError> {
    use crate::db::{notifications, now_ms};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    if notifications::mark_read(&ctx.db, user.id, up_to, now_ms()).await? > 0 {
        ctx.live.members_notified(&[user.id]).await;
    }
    leptos_axum::redirect("/account/notifications?done=read");
    Ok(())
}
