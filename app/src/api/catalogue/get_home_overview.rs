use leptos::prelude::*;

use crate::error::AppError;
use crate::model::HomeOverview;

/// Counters and the newest items for the home page: whole rows of the desktop grid (two rows of
/// offers, one of requests and of auctions, two by two stalls); each section links to the rest. Served from a short-lived cache so the home
/// page costs no database work under load; the visit counter adds views not yet written.
#[server(endpoint = "get_home_overview", input = server_fn::codec::GetUrl)]
pub async fn get_home_overview() -> Result<HomeOverview, AppError> {
    use crate::db::{self, catalogue, stats};
    use crate::model::ListingKind;

    let ctx = crate::server_context::server_context()?;
    let cached = match ctx.home_cache.get() {
        Some(hit) => hit,
        None => {
            let db = &ctx.db;
            let now = db::now_ms();
            let (counters, offers, requests, auctions, stalls) = tokio::try_join!(
                stats::counters(db, now),
                catalogue::latest_listings(db, ListingKind::Offer, 6, 0),
                catalogue::latest_listings(db, ListingKind::Request, 3, 0),
                catalogue::running_auctions(db, now, 3, 0),
                catalogue::stalls(db, 4, 0),
            )?;
            ctx.home_cache.put(HomeOverview {
                counters,
                latest_offers: offers,
                latest_requests: requests,
                running_auctions: auctions,
                featured_stalls: stalls,
            })
        }
    };
    let mut overview = (*cached).clone();
    overview.counters.visits += ctx.visits.pending();
    Ok(overview)
}
