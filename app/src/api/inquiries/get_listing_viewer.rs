use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ListingViewer;

/// What the member looking at the listing `slug` may do there: whether it is theirs, on their
/// watchlist, and which conversation about it they have. Visitors get the defaults. Kept apart
/// from the listing itself, which is the same for everyone.
#[server(endpoint = "get_listing_viewer", input = server_fn::codec::GetUrl)]
pub async fn get_listing_viewer(slug: String) -> Result<ListingViewer, AppError> {
    use crate::db::{inquiries, listings};

    let ctx = crate::server_context::server_context()?;
    let Some(user) = crate::session::current_user() else {
        return Ok(ListingViewer {
            reachable: true,
            ..ListingViewer::default()
        });
    };
    // Keyed by slug, like the listing, so a page asks for both at once.
    let listing_id: i64 = sqlx::query_scalar("SELECT id FROM listings WHERE slug = $1")
        .bind(&slug)
        .fetch_optional(&ctx.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (own, watched, conversation_id, reachable, hidden_matches, pledged) = tokio::try_join!(
        listings::can_manage(&ctx.db, listing_id, user.id),
        inquiries::is_watched(&ctx.db, user.id, listing_id),
        inquiries::find(&ctx.db, listing_id, user.id),
        inquiries::reachable(&ctx.db, listing_id),
        crate::db::matching::hidden(&ctx.db, user.id, listing_id),
        crate::db::matching::pledge_of(&ctx.db, listing_id, user.id),
    )?;
    Ok(ListingViewer {
        logged_in: true,
        reachable,
        own,
        watched,
        conversation_id,
        hidden_matches,
        pledged,
    })
}
