use leptos::prelude::*;

use crate::error::AppError;
use crate::model::AuctionPage;

/// An auction's bidding page: the auction as everyone sees it, the listing it sells, the watcher
/// count and the viewer's side. Auctions awaiting approval are shown only to their seller's side
/// and moderators.
#[server(endpoint = "get_auction", input = server_fn::codec::GetUrl)]
pub async fn get_auction(id: i64) -> Result<AuctionPage, AppError> {
    use crate::db::{auctions, now_ms};
    use crate::model::ListingImage;

    let ctx = crate::server_context::server_context()?;
    let user = crate::session::current_user();
    let read = auctions::read_live(&ctx.db, id, now_ms())
        .await?
        .ok_or(AppError::NotFound)?;
    let public = matches!(read.live.status.as_str(), "approved" | "closed");
    if !public && !super::may_see_unpublished(&ctx.db, &read, user.as_ref()).await? {
        return Err(AppError::NotFound);
    }
    let listing = auctions::listing_of(&ctx.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = super::viewer_of(&ctx.db, &read, user.as_ref()).await?;
    let deposit: Option<i64> = if read.requires_approval {
        sqlx::query_scalar("SELECT deposit_vnd FROM auctions WHERE id = $1")
            .bind(id)
            .fetch_one(&ctx.db)
            .await?
    } else {
        None
    };
    Ok(AuctionPage {
        requires_approval: read.requires_approval,
        deposit,
        watchers: ctx.live.watchers(id) as i64,
        starting_price: read.starting_price,
        live: read.live,
        listing_slug: listing.slug,
        title: listing.title,
        summary: listing.summary,
        image_url: listing.cover_thumb.as_deref().map(ListingImage::media_url),
        seller: listing.seller,
        stall_slug: listing.stall_slug,
        viewer,
    })
}
