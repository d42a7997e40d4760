use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ListingEditor;

/// The listing form refilled from one of the member's incomplete drafts, with what it still
/// lacks. Someone else's draft is not found.
#[server(endpoint = "get_listing_draft", input = server_fn::codec::GetUrl)]
pub async fn get_listing_draft(id: i64) -> Result<ListingEditor, AppError> {
    use crate::db::{listing_drafts, listings, now_ms};
    use crate::domain::vietnam_day;

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let draft = listing_drafts::get(&ctx.db, id, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let stalls = listings::postable_stalls(&ctx.db, user.id).await?;
    let draft_problems = draft
        .form
        .validate(vietnam_day(now_ms()))
        .err()
        .unwrap_or_default();
    Ok(ListingEditor {
        id: 0,
        slug: String::new(),
        status: String::new(),
        rejection_reason: None,
        stalls,
        form: draft.form,
        draft_id: draft.id,
        draft_problems,
    })
}
