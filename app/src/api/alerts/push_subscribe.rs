use leptos::prelude::*;

use crate::error::AppError;

/// Turns push notifications on for the member's device: the subscription its browser's push
/// service gave (`endpoint`, and the keys `p256dh` and `auth` pushes are encrypted to), kept for
/// as long as this browser stays logged in.
#[server(endpoint = "push_subscribe")]
pub async fn push_subscribe(
    endpoint: String,
    p256dh: String,
    auth: String,
) -> Result<(), AppError> {
    use crate::error::{FieldError, InvalidInput};
    use crate::push::{device_key_valid, device_secret_valid, endpoint_allowed};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let session = crate::session::request_token_hash().ok_or(AppError::Unauthorized)?;
    let (endpoint, p256dh, auth) = (endpoint.trim(), p256dh.trim(), auth.trim());
    let mut errors = Vec::new();
    if !endpoint_allowed(endpoint, &ctx.push_hosts) {
        errors.push(FieldError::new("endpoint", "push_endpoint"));
    }
    if !device_key_valid(p256dh) || !device_secret_valid(auth) {
        errors.push(FieldError::new("p256dh", "push_keys"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(InvalidInput::new(errors, &[])));
    }
    let user_agent = crate::api::accounts::request_user_agent();
    crate::db::push::subscribe(
        &ctx.db,
        user.id,
        &session,
        endpoint,
        (p256dh, auth),
        &crate::session::describe_user_agent(&user_agent),
        crate::db::now_ms(),
    )
    .await?;
    leptos_axum::redirect("/account/alerts?done=push_on#push");
    Ok(())
}
