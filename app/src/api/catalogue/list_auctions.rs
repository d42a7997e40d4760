use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{AuctionCard, Page};

/// One page of auctions running now, ending soonest first.
#[server(endpoint = "list_auctions", input = server_fn::codec::GetUrl)]
pub async fn list_auctions(page: u32) -> Result<Page<AuctionCard>, AppError> {
    use super::{PER_PAGE, clamp_page};
    use crate::db::{self, catalogue};

    let ctx = crate::server_context::server_context()?;
    let page = clamp_page(page);
    let offset = i64::from((page - 1) * PER_PAGE);
    let now = db::now_ms();
    let (items, total) = tokio::try_join!(
        catalogue::running_auctions(&ctx.db, now, i64::from(PER_PAGE), offset),
        catalogue::count_running_auctions(&ctx.db, now),
    )?;
    Ok(Page {
        items,
        page,
        per_page: PER_PAGE,
        total,
    })
}
