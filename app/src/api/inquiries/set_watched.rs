use leptos::prelude::*;

use crate::error::AppError;

/// Saves a published listing to the member's watchlist (`action` = `save`) or takes any listing
/// off it (`forget`), then goes back to `next` (a path on this site) or the listing.
#[server(endpoint = "set_watched")]
pub async fn set_watched(
    listing_id: i64,
    action: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::db::{inquiries, listings, now_ms};
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let listing = listings::record(&ctx.db, listing_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let watched = match action.as_str() {
        "save" if listing.status == "published" => true,
        // Private listings cannot be saved, and their existence is not revealed.
        "save" => return Err(AppError::NotFound),
        "forget" => false,
        _ => {
            let errors = vec![FieldError::new("action", "invalid_choice")];
            return Err(AppError::Invalid(InvalidInput::new(errors, &[])));
        }
    };
    inquiries::set_watched(&ctx.db, user.id, listing_id, watched, now_ms()).await?;
    let next = next
        .filter(|path| crate::domain::is_local_path(path))
        .unwrap_or_else(|| format!("/listings/{}", listing.slug));
    leptos_axum::redirect(&next);
    Ok(())
}
