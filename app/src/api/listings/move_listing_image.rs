use leptos::prelude::*;

use crate::error::AppError;

/// Moves a picture among its listing's others (`to`: `first`, `earlier` or `later`); the first
/// is the listing's cover. Only those who manage the listing may. Order is not content, so a
/// published listing stays published.
#[server(endpoint = "move_listing_image")]
pub async fn move_listing_image(
    listing_id: i64,
    image_id: i64,
    to: String,
) -> Result<(), AppError> {
    use crate::db::images::{self, Move};
    use crate::db::listings;

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    if !listings::can_manage(&ctx.db, listing_id, user.id).await? {
        return Err(AppError::NotFound);
    }
    if listings::under_auction(&ctx.db, listing_id).await? {
        return Err(super::under_auction("images", &[]));
    }
    let to =
        Move::parse(&to).ok_or_else(|| AppError::bad_request("to: first, earlier or later"))?;
    let mut tx = ctx.db.begin().await?;
    if !images::move_image(&mut tx, listing_id, image_id, to).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    ctx.home_cache.invalidate();
    leptos_axum::redirect(&format!("/account/listings/{listing_id}/images?done=moved"));
    Ok(())
}
