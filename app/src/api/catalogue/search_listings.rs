use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ListingCard;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// Published listings matching every word of `q`, ignoring case and Vietnamese diacritics.
#[server(endpoint = "search_listings", input = server_fn::codec::GetUrl)]
pub async fn search_listings(q: String) -> Result<Vec<ListingCard>, AppError> {
    use crate::db::catalogue;
    use crate::domain::fold_search_text;

    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::bad_request("query too long"));
    }
    let ctx = crate::server_context::server_context()?;
    let words: Vec<String> = fold_search_text(&q)
        .split_whitespace()
        .take(8)
        .map(str::to_owned)
        .collect();
    Ok(catalogue::search_listings(&ctx.db, &words, 50).await?)
}
