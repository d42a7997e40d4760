use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ConnectFeed;

/// `/connect`: the newest published requests to buy (in `sector` and `province` when given, an
/// unknown one ignored), each with the offers that fit it best, one page at a time.
#[server(endpoint = "get_connect_feed", input = server_fn::codec::GetUrl)]
pub async fn get_connect_feed(
    sector: String,
    province: String,
    page: u32,
) -> Result<ConnectFeed, AppError> {
    use crate::db::matching;
    use crate::domain::{Province, Sector};
    use crate::model::{Page, RequestMatches};

    /// Requests on a page of the feed, and offers shown under each.
    const PER_PAGE: u32 = 8;
    const OFFERS: usize = 3;

    let ctx = crate::server_context::server_context()?;
    let sector = Sector::parse(sector.trim()).ok().map(|s| s.code());
    let province = Province::parse(province.trim()).ok().map(|p| p.code());
    let page = super::super::catalogue::clamp_page(page);
    let (requests, total) = matching::fresh_requests(
        &ctx.db,
        sector,
        province,
        i64::from(PER_PAGE),
        i64::from((page - 1) * PER_PAGE),
    )
    .await?;
    let mut items = Vec::with_capacity(requests.len());
    for request in requests {
        let offers =
            matching::matches_cached(&ctx.db, &ctx.search_cache, request.id, OFFERS).await?;
        items.push(RequestMatches { request, offers });
    }
    let figures = crate::db::introductions::figures(&ctx.db).await?;
    Ok(ConnectFeed {
        figures,
        requests: Page {
            items,
            page,
            per_page: PER_PAGE,
            total,
        },
        sector: sector.unwrap_or_default().to_owned(),
        province: province.unwrap_or_default().to_owned(),
    })
}
