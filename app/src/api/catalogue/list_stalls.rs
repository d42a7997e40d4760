use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{Page, StallCard};

/// One page of approved stalls, busiest first.
#[server(endpoint = "list_stalls", input = server_fn::codec::GetUrl)]
pub async fn list_stalls(page: u32) -> Result<Page<StallCard>, AppError> {
    use super::{PER_PAGE, clamp_page};
    use crate::db::catalogue;

    let ctx = crate::server_context::server_context()?;
    let page = clamp_page(page);
    let offset = i64::from((page - 1) * PER_PAGE);
    let (items, total) = tokio::try_join!(
        catalogue::stalls(&ctx.db, i64::from(PER_PAGE), offset),
        catalogue::count_stalls(&ctx.db),
    )?;
    Ok(Page {
        items,
        page,
        per_page: PER_PAGE,
        total,
    })
}
