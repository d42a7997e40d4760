use leptos::prelude::*;

use crate::error::AppError;
use crate::model::CurrentUser;

/// The member this request's session belongs to, or `None` for a visitor, with how many of
/// their conversations hold unread messages and how many notifications are unread (for the
/// header). The server's authentication
/// middleware has already looked the session up.
#[server(endpoint = "get_current_user", input = server_fn::codec::GetUrl)]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    let Some(mut user) = crate::session::current_user() else {
        return Ok(None);
    };
    let ctx = crate::server_context::server_context()?;
    let (conversations, notifications) = tokio::try_join!(
        crate::db::inquiries::unread_conversations(&ctx.db, user.id),
        crate::db::notifications::unread(&ctx.db, user.id),
    )?;
    user.unread_conversations = conversations;
    user.unread_notifications = notifications;
    Ok(Some(user))
}
