use leptos::prelude::*;

use crate::domain::BrowseQuery;
use crate::error::AppError;
use crate::model::BrowseResult;

/// Published listings found by words (ignoring case and Vietnamese diacritics, best match first)
/// and narrowed by filters, one page at a time. Filters that do not parse are left out and
/// reported with the results.
#[server(endpoint = "browse_listings", input = server_fn::codec::GetUrl)]
pub async fn browse_listings(query: BrowseQuery) -> Result<BrowseResult, AppError> {
    use super::{PER_PAGE, clamp_page};
    use crate::db::{catalogue, search};
    use crate::model::{ListingKind, Page};

    if query.q.chars().count() > crate::domain::MAX_QUERY_CHARS {
        return Err(AppError::bad_request("query too long"));
    }
    let (filter, errors) = query.check();
    let ctx = crate::server_context::server_context()?;
    let page = clamp_page(query.page);
    let (limit, offset) = (i64::from(PER_PAGE), i64::from((page - 1) * PER_PAGE));
    let kind = match filter.kind {
        Some("offer") => Some(ListingKind::Offer),
        Some("request") => Some(ListingKind::Request),
        _ => None,
    };
    let admit = ctx.search_admission();
    let (items, total) = match kind {
        // The plain newest-first list of one kind has an index of its own.
        Some(kind) if filter.is_plain() => tokio::try_join!(
            catalogue::latest_listings(&ctx.db, kind, limit, offset),
            catalogue::count_listings(&ctx.db, kind),
        )?,
        _ => {
            search::browse_cached(&ctx.db, &ctx.search_cache, &filter, limit, offset, &admit)
                .await?
        }
    };
    Ok(BrowseResult {
        listings: Page {
            items,
            page,
            per_page: PER_PAGE,
            total,
        },
        terms: filter.terms,
        sort: filter.sort.to_owned(),
        errors,
    })
}
