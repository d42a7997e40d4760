use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ListingCard;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// Published listings matching every word of `q`, ignoring case and Vietnamese diacritics, best
/// match first (the first 50).
#[server(endpoint = "search_listings", input = server_fn::codec::GetUrl)]
pub async fn search_listings(q: String) -> Result<Vec<ListingCard>, AppError> {
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::bad_request("query too long"));
    }
    let ctx = crate::server_context::server_context()?;
    let (filter, _) = crate::domain::BrowseQuery {
        q: q.clone(),
        ..crate::domain::BrowseQuery::default()
    }
    .check();
    if filter.terms.is_empty() {
        return Ok(Vec::new());
    }
    let admit = ctx.search_admission();
    let found =
        crate::db::search::browse_cached(&ctx.db, &ctx.search_cache, &filter, 50, 0, &admit)
            .await?
            .0;
    if found.is_empty() {
        ctx.search_misses.record(&q);
    }
    Ok(found)
}
