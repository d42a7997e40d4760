use leptos::prelude::*;

use crate::error::AppError;
use crate::model::OwnListings;

/// The listings the logged-in member posted or manages through their stalls, and the new ones
/// they saved before completing them.
#[server(endpoint = "get_own_listings", input = server_fn::codec::GetUrl)]
pub async fn get_own_listings() -> Result<OwnListings, AppError> {
    use crate::db::{listing_drafts, listings, now_ms};
    use crate::domain::vietnam_day;
    use crate::model::{IncompleteDraft, OwnListing};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let today = vietnam_day(now_ms());
    let drafts = listing_drafts::list(&ctx.db, user.id)
        .await?
        .into_iter()
        .map(|d| IncompleteDraft {
            problems: d.form.validate(today).err().map_or(0, |e| e.len()),
            id: d.id,
            title: d.title,
            kind: d.form.kind,
            updated_at: d.updated_at,
        })
        .collect();
    /// Published listings whose matches are shown, and matches shown for each.
    const WITH_MATCHES: usize = 20;
    const MATCHES: usize = 3;
    let mut listings: Vec<OwnListing> = listings::own_listings(&ctx.db, user.id)
        .await?
        .into_iter()
        .map(|l| OwnListing {
            id: l.id,
            slug: l.slug,
            kind: l.kind,
            title: l.title,
            status: l.status,
            rejection_reason: l.rejection_reason,
            close_reason: l.close_reason,
            expires_at: l.expires_at,
            created_at: l.created_at,
            stall_name: l.stall_name,
            auction: l.auction_id.zip(l.auction_status),
            matches: Vec::new(),
        })
        .collect();
    for listing in listings
        .iter_mut()
        .filter(|l| l.status == "published")
        .take(WITH_MATCHES)
    {
        let hidden = crate::db::matching::hidden(&ctx.db, user.id, listing.id).await?;
        listing.matches = crate::db::matching::matches_cached(
            &ctx.db,
            &ctx.search_cache,
            listing.id,
            MATCHES + hidden.len(),
        )
        .await?
        .into_iter()
        .filter(|m| !hidden.contains(&m.listing.id))
        .take(MATCHES)
        .collect();
    }
    Ok(OwnListings { drafts, listings })
}
