use leptos::prelude::*;

use crate::domain::BrowseQuery;
use crate::error::AppError;
use crate::model::StallPageData;

/// An approved stall's page: profile, one page of its offers found by words and narrowed by
/// type and pictures (newest first unless asked otherwise), and its open requests to buy.
#[server(endpoint = "get_stall", input = server_fn::codec::GetUrl)]
pub async fn get_stall(slug: String, query: BrowseQuery) -> Result<StallPageData, AppError> {
    use super::{PER_PAGE, clamp_page};
    use crate::db::{catalogue, search};
    use crate::model::{ListingKind, Page};

    /// Open requests shown on a stall's page.
    const REQUESTS: i64 = 6;

    if query.q.chars().count() > crate::domain::MAX_QUERY_CHARS {
        return Err(AppError::bad_request("query too long"));
    }
    let ctx = crate::server_context::server_context()?;
    let stall = catalogue::approved_stall(&ctx.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = clamp_page(query.page);
    let offset = i64::from((page - 1) * PER_PAGE);
    // The stall's page narrows by words, type and pictures only; the rest of a browse query is
    // not offered there and is ignored.
    let (checked, _) = BrowseQuery {
        q: query.q,
        listing_type: query.listing_type,
        images: query.images,
        sort: query.sort,
        ..BrowseQuery::default()
    }
    .check();
    let filter = crate::domain::BrowseFilter {
        kind: Some(ListingKind::Offer.code()),
        stall_id: Some(stall.id),
        ..checked
    };
    let admit = ctx.search_admission();
    let ((offers, total), offer_count, requests) = tokio::try_join!(
        search::browse_cached(
            &ctx.db,
            &ctx.search_cache,
            &filter,
            i64::from(PER_PAGE),
            offset,
            &admit
        ),
        async {
            Ok::<_, search::SearchError>(
                catalogue::count_stall_listings(&ctx.db, stall.id, ListingKind::Offer).await?,
            )
        },
        async {
            Ok(
                catalogue::stall_listings(&ctx.db, stall.id, ListingKind::Request, REQUESTS, 0)
                    .await?,
            )
        },
    )?;
    Ok(StallPageData {
        stall,
        offer_count,
        offers: Page {
            items: offers,
            page,
            per_page: PER_PAGE,
            total,
        },
        terms: filter.terms,
        requests,
    })
}
