use leptos::prelude::*;

use crate::error::AppError;
use crate::model::WatchedListing;

/// The listings the member saved, latest first, with what became of each.
#[server(endpoint = "get_watchlist", input = server_fn::codec::GetUrl)]
pub async fn get_watchlist() -> Result<Vec<WatchedListing>, AppError> {
    /// Saved listings shown.
    const SHOWN: i64 = 500;

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    Ok(crate::db::inquiries::watchlist(&ctx.db, user.id, SHOWN)
        .await?
        .into_iter()
        .map(|w| WatchedListing {
            id: w.id,
            slug: w.slug,
            kind: w.kind,
            listing_type: w.listing_type,
            title: w.title,
            summary: w.summary,
            status: w.status,
            price_vnd: w.price_vnd,
            province_code: w.province_code,
            stall_name: w.stall_name,
            saved_at: w.saved_at,
        })
        .collect())
}
