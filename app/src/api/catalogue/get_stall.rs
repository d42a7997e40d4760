use leptos::prelude::*;

use crate::error::AppError;
use crate::model::StallPageData;

/// An approved stall's page: profile, one page of its offers, its open requests to buy.
#[server(endpoint = "get_stall", input = server_fn::codec::GetUrl)]
pub async fn get_stall(slug: String, page: u32) -> Result<StallPageData, AppError> {
    use super::{PER_PAGE, clamp_page};
    use crate::db::catalogue;
    use crate::model::{ListingKind, Page};

    /// Open requests shown on a stall's page.
    const REQUESTS: i64 = 6;

    let ctx = crate::server_context::server_context()?;
    let stall = catalogue::approved_stall(&ctx.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = clamp_page(page);
    let offset = i64::from((page - 1) * PER_PAGE);
    let (offers, total, requests) = tokio::try_join!(
        catalogue::stall_listings(
            &ctx.db,
            stall.id,
            ListingKind::Offer,
            i64::from(PER_PAGE),
            offset
        ),
        catalogue::count_stall_listings(&ctx.db, stall.id, ListingKind::Offer),
        catalogue::stall_listings(&ctx.db, stall.id, ListingKind::Request, REQUESTS, 0),
    )?;
    Ok(StallPageData {
        stall,
        offers: Page {
            items: offers,
            page,
            per_page: PER_PAGE,
            total,
        },
        requests,
    })
}
