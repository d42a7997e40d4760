use leptos::prelude::*;

use crate::error::AppError;
use crate::model::NotificationCentre;

/// The member's latest notifications, newest first, and how many are unread.
#[server(endpoint = "get_notifications", input = server_fn::codec::GetUrl)]
pub async fn get_notifications() -> Result<NotificationCentre, AppError> {
    use crate::db::notifications;

    /// Notifications shown at once.
    const SHOWN: i64 = 100;

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let (items, unread) = tokio::try_join!(
        notifications::latest(&ctx.db, user.id, SHOWN),
        notifications::unread(&ctx.db, user.id),
    )?;
    Ok(NotificationCentre { items, unread })
}
