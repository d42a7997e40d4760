use leptos::prelude::*;

use crate::error::AppError;

/// Marks a conversation the member takes part in read up to message `up_to` (the newest they
/// were shown: messages that arrived since stay unread). Sent by the conversation page, as a
/// form without JavaScript and by itself with it. Others get "not found".
#[server(endpoint = "mark_conversation_read")]
pub async fn mark_conversation_read(id: i64, up_to: i64) -> Result<(), AppError> {
    use crate::db::inquiries;

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    inquiries::head_for(&ctx.db, id, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let newest = inquiries::newest_up_to(&ctx.db, id, up_to).await?;
    if newest > 0 {
        let mut conn = ctx.db.acquire().await?;
        inquiries::mark_read(&mut conn, id, user.id, newest).await?;
    }
    leptos_axum::redirect(&format!("/account/inquiries/{id}"));
    Ok(())
}
