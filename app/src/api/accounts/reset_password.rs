use leptos::prelude::*;

use crate::error::AppError;

/// Sets a new password with a one-time link from a reset mail, logs out every browser of the
/// account, logs this one in and lifts any login lock. A used, expired or unknown link is refused
/// before any costly work, and one client address gets a few tries a minute.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::db::{accounts, now_ms, outbox, throttle};
    use crate::domain::{Email, Password};
    use crate::error::{FieldError, InvalidInput};

    let refused =
        |field, code| AppError::Invalid(InvalidInput::new(vec![FieldError::new(field, code)], &[]));
    let password = Password::parse(&password).map_err(|code| refused("password", code))?;
    let ctx = crate::server_context::server_context()?;
    ctx.password_limiter
        .check(crate::rate_limit::client_ip())
        .map_err(|wait| AppError::TooManyRequests {
            retry_after_secs: crate::rate_limit::retry_secs(wait),
            input: InvalidInput::new(vec![FieldError::new("password", "too_many_attempts")], &[]),
        })?;
    let token_hash = crate::auth::session_token_hash(token.trim());
    // The link first: a made-up one costs a lookup, not a hash.
    if !accounts::password_reset_is_usable(&ctx.db, &token_hash, now_ms()).await? {
        return Err(refused("token", "reset_link_invalid"));
    }
    // Hash before the transaction, so it stays short.
    let hash = super::hash_password(password).await?;
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    let Some(user_id) = accounts::consume_password_reset(&mut tx, &token_hash, now).await? else {
        return Err(refused("token", "reset_link_invalid"));
    };
    accounts::set_password_hash(&mut tx, user_id, &hash).await?;
    accounts::void_password_resets(&mut tx, user_id, now).await?;
    // The link came to the address: it is confirmed.
    accounts::confirm_email(&mut tx, user_id, now).await?;
    accounts::revoke_all_sessions(&mut *tx, user_id, now).await?;
    // In the transaction: a second connection from the pool while holding this one would wait
    // for itself once every connection was held by a reset.
    let account = accounts::account(&mut *tx, user_id).await?;
    if let Some(account) = &account {
        let mail = crate::mail::password_changed(
            crate::i18n::request_locale(),
            &account.email,
            &account.display_name,
            &ctx.public_url,
        );
        outbox::enqueue(&mut tx, &mail, now).await?;
    }
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    if let Some(email) = account.and_then(|a| Email::parse(&a.email).ok()) {
        throttle::clear_login_failures(&ctx.db, &email).await?;
    }
    super::start_session(&ctx.db, user_id).await?;
    leptos_axum::redirect("/account?done=password_reset");
    Ok(())
}
