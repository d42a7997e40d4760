use leptos::prelude::*;

use crate::error::AppError;

/// Hides match `match_id` from the list of listing `listing_id` for the member, for `reason`
/// (one of `domain::matching::HIDE_REASONS`), then goes back to `next` (a path on this site) or
/// the listing. It stays hidden for them.
#[server(endpoint = "hide_match")]
pub async fn hide_match(
    listing_id: i64,
    match_id: i64,
    reason: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::db::{listings, matching, now_ms};
    use crate::domain::matching::HIDE_REASONS;
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    if !HIDE_REASONS.contains(&reason.as_str()) {
        let errors = vec![FieldError::new("reason", "invalid_choice")];
        return Err(AppError::Invalid(InvalidInput::new(
            errors,
            &[("reason", &reason)],
        )));
    }
    let (listing, other) = tokio::try_join!(
        listings::record(&ctx.db, listing_id),
        listings::record(&ctx.db, match_id),
    )?;
    // Only a published listing shows matches, and only published ones are matched: nothing else
    // is revealed.
    let listing = listing
        .filter(|l| l.status == "published")
        .ok_or(AppError::NotFound)?;
    if other.is_none_or(|o| o.status != "published" || o.kind == listing.kind) {
        return Err(AppError::NotFound);
    }
    matching::hide(&ctx.db, user.id, listing_id, match_id, &reason, now_ms()).await?;
    let next = next
        .filter(|path| crate::domain::is_local_path(path))
        .unwrap_or_else(|| format!("/listings/{}", listing.slug));
    leptos_axum::redirect(&next);
    Ok(())
}
