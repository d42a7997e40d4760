use leptos::prelude::*;

use crate::error::AppError;

/// Throws away one of the member's incomplete drafts. Someone else's draft is not found.
#[server(endpoint = "delete_listing_draft")]
pub async fn delete_listing_draft(id: i64) -> Result<(), AppError> {
    use crate::db::listing_drafts;

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let mut conn = ctx.db.acquire().await?;
    if !listing_drafts::delete(&mut conn, id, user.id).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/account/listings?done=draft_deleted");
    Ok(())
}
