use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{AuctionCard, Page};

/// One page of auctions: `show` `running` (the default; ending soonest first), `upcoming`
/// (starting soonest first) or `ended` (latest first).
#[server(endpoint = "list_auctions", input = server_fn::codec::GetUrl)]
pub async fn list_auctions(page: u32, show: Option<String>) -> Result<Page<AuctionCard>, AppError> {
    use super::{PER_PAGE, clamp_page};
    use crate::db::catalogue::{self, AuctionPhase};

    let ctx = crate::server_context::server_context()?;
    let page = clamp_page(page);
    let offset = i64::from((page - 1) * PER_PAGE);
    let now = crate::db::now_ms();
    let phase = AuctionPhase::parse(show.as_deref().unwrap_or_default());
    let (items, total) = tokio::try_join!(
        catalogue::auctions_in(&ctx.db, phase, now, i64::from(PER_PAGE), offset),
        catalogue::count_auctions_in(&ctx.db, phase, now),
    )?;
    Ok(Page {
        items,
        page,
        per_page: PER_PAGE,
        total,
    })
}
