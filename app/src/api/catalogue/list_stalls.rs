use leptos::prelude::*;

use crate::domain::StallQuery;
use crate::error::AppError;
use crate::model::{Page, StallCard};

/// One page of the stall directory: approved stalls found by words (ignoring case and Vietnamese
/// diacritics) and narrowed by sector, province and kind of organisation, most offers first
/// unless another order is asked for.
#[server(endpoint = "list_stalls", input = server_fn::codec::GetUrl)]
pub async fn list_stalls(query: StallQuery) -> Result<Page<StallCard>, AppError> {
    use super::{PER_PAGE, clamp_page};

    if query.q.chars().count() > crate::domain::MAX_QUERY_CHARS {
        return Err(AppError::bad_request("query too long"));
    }
    let ctx = crate::server_context::server_context()?;
    let page = clamp_page(query.page);
    let offset = i64::from((page - 1) * PER_PAGE);
    let (items, total) =
        crate::db::search::find_stalls(&ctx.db, &query.check(), i64::from(PER_PAGE), offset)
            .await?;
    Ok(Page {
        items,
        page,
        per_page: PER_PAGE,
        total,
    })
}
