use leptos::prelude::*;

use crate::error::AppError;

/// Up to eight titles of published listings for what has been typed so far; the last word may
/// be unfinished ("may ke" suggests "Máy kéo …").
#[server(endpoint = "suggest_listings", input = server_fn::codec::GetUrl)]
pub async fn suggest_listings(q: String) -> Result<Vec<String>, AppError> {
    use crate::domain::{MAX_QUERY_CHARS, search_words};

    /// Titles suggested at most.
    const SUGGESTIONS: i64 = 8;

    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::bad_request("query too long"));
    }
    let mut terms = search_words(&q);
    terms.truncate(crate::domain::search::MAX_TERMS);
    // One letter matches too much to be of use.
    if terms.last().is_none_or(|t| t.chars().count() < 2) {
        return Ok(Vec::new());
    }
    let ctx = crate::server_context::server_context()?;
    let admit = ctx.search_admission();
    Ok(
        crate::db::search::suggest_cached(&ctx.db, &ctx.search_cache, &terms, SUGGESTIONS, &admit)
            .await?,
    )
}
