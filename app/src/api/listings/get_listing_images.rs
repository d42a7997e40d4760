use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ListingImages;

/// A listing's pictures, for its poster (or a member of its stall) to manage. Others get "not
/// found", whatever the id.
#[server(endpoint = "get_listing_images", input = server_fn::codec::GetUrl)]
pub async fn get_listing_images(id: i64) -> Result<ListingImages, AppError> {
    use crate::db::{images, listings};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    if !listings::can_manage(&ctx.db, id, user.id).await? {
        return Err(AppError::NotFound);
    }
    let listing = listings::record(&ctx.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let images = images::of_listing(&ctx.db, id).await?;
    Ok(ListingImages {
        id,
        slug: listing.slug,
        title: listing.title,
        status: listing.status,
        images: images.into_iter().map(super::image_of).collect(),
    })
}
