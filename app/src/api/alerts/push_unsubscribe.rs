use leptos::prelude::*;

use crate::error::AppError;

/// Turns push notifications off for one of the member's devices: the browser's own subscription
/// by its `endpoint` (the button on that device), or any device by its `id` (the list of devices,
/// which works without JavaScript).
#[server(endpoint = "push_unsubscribe")]
pub async fn push_unsubscribe(endpoint: Option<String>, id: Option<i64>) -> Result<(), AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    match (endpoint.as_deref().map(str::trim), id) {
        // The browser forgets its subscription whether or not the server knew it.
        (Some(endpoint), _) if !endpoint.is_empty() => {
            crate::db::push::unsubscribe(&ctx.db, user.id, endpoint).await?;
        }
        (_, Some(id)) => {
            if !crate::db::push::remove(&ctx.db, user.id, id).await? {
                return Err(AppError::NotFound);
            }
        }
        _ => return Err(AppError::NotFound),
    }
    leptos_axum::redirect("/account/alerts?done=push_off#push");
    Ok(())
}
