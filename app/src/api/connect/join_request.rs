use leptos::prelude::*;

use crate::error::AppError;

/// Most one member may add to a request.
pub const MAX_PLEDGE: i64 = 1_000_000;

/// "I need this too": the member adds `quantity` (a whole number from 1 to [`MAX_PLEDGE`]) to
/// published request `listing_id` (`action` = `join`), or takes their pledge off (`leave`); then
/// back to the request. Not on one's own request, not twice.
#[server(endpoint = "join_request")]
pub async fn join_request(
    listing_id: i64,
    action: String,
    quantity: Option<String>,
) -> Result<(), AppError> {
    use crate::db::{listings, matching, now_ms};
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let typed = quantity.unwrap_or_default();
    let refuse = |code: &str| {
        AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("quantity", code)],
            &[("quantity", &typed)],
        ))
    };
    let listing = listings::record(&ctx.db, listing_id)
        .await?
        .filter(|l| l.status == "published" && l.kind == "request")
        .ok_or(AppError::NotFound)?;
    match action.as_str() {
        "join" => {
            if listings::can_manage(&ctx.db, listing_id, user.id).await? {
                return Err(refuse("own_request"));
            }
            if typed.trim().is_empty() {
                return Err(refuse("required"));
            }
            let quantity = crate::domain::parse_quantity(&typed, MAX_PLEDGE)
                .ok_or_else(|| refuse("invalid_quantity"))?;
            if !matching::pledge(&ctx.db, listing_id, user.id, quantity, now_ms()).await? {
                return Err(refuse("already_joined"));
            }
        }
        "leave" => matching::withdraw_pledge(&ctx.db, listing_id, user.id).await?,
        _ => {
            return Err(AppError::Invalid(InvalidInput::new(
                vec![FieldError::new("action", "invalid_choice")],
                &[],
            )));
        }
    }
    leptos_axum::redirect(&format!("/listings/{}#pooled", listing.slug));
    Ok(())
}
