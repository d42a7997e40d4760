use leptos::prelude::*;

use crate::error::AppError;

/// Takes a picture off a listing its poster (or a member of its stall) manages, and removes its
/// files from the store unless another listing shares them (the demo pictures do).
#[server(endpoint = "delete_listing_image")]
pub async fn delete_listing_image(listing_id: i64, image_id: i64) -> Result<(), AppError> {
    use crate::db::{audit, images, listings, now_ms};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    if !listings::can_manage(&ctx.db, listing_id, user.id).await? {
        return Err(AppError::NotFound);
    }
    if listings::under_auction(&ctx.db, listing_id).await? {
        return Err(super::under_auction("images", &[]));
    }
    let mut tx = ctx.db.begin().await?;
    let Some((image_key, thumb_key)) = images::remove(&mut tx, listing_id, image_id).await? else {
        return Err(AppError::NotFound);
    };
    audit::record(
        &mut tx,
        Some(user.id),
        "listing_image_removed",
        ("listing", listing_id),
        &image_key,
        now_ms(),
    )
    .await?;
    tx.commit().await?;
    images::discard_unused(&ctx.db, ctx.media.as_ref(), &[&image_key, &thumb_key]).await?;
    leptos_axum::redirect(&format!(
        "/account/listings/{listing_id}/images?done=removed"
    ));
    Ok(())
}
