use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{ListingCard, ListingKind, Page};

/// One page of published offers or requests to buy, newest first.
#[server(endpoint = "list_listings", input = server_fn::codec::GetUrl)]
pub async fn list_listings(kind: ListingKind, page: u32) -> Result<Page<ListingCard>, AppError> {
    use super::{PER_PAGE, clamp_page};
    use crate::db::catalogue;

    let ctx = crate::server_context::server_context()?;
    let page = clamp_page(page);
    let offset = i64::from((page - 1) * PER_PAGE);
    let (items, total) = tokio::try_join!(
        catalogue::latest_listings(&ctx.db, kind, i64::from(PER_PAGE), offset),
        catalogue::count_listings(&ctx.db, kind),
    )?;
    Ok(Page {
        items,
        page,
        per_page: PER_PAGE,
        total,
    })
}
