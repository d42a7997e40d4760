use leptos::prelude::*;

use crate::error::AppError;

/// Sends a one-time link to set a new password to `email`, if an account has that address. The
/// answer is the same either way, so the form does not tell who has an account. Limited per
/// client address, and to one mail a minute per account.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::db::{accounts, now_ms, outbox};
    use crate::domain::Email;
    use crate::error::{FieldError, InvalidInput};
    use crate::rate_limit::{client_ip, retry_secs};

    /// Shortest time between two reset mails to one account.
    const RESEND_AFTER_MS: i64 = 60_000;

    let typed = [("email", email.as_str())];
    let on_email = |code| InvalidInput::new(vec![FieldError::new("email", code)], &typed);
    let parsed = Email::parse(&email).map_err(|code| AppError::Invalid(on_email(code)))?;
    let ctx = crate::server_context::server_context()?;
    ctx.reset_limiter
        .check(client_ip())
        .map_err(|wait| AppError::TooManyRequests {
            retry_after_secs: retry_secs(wait),
            input: on_email("too_many_attempts"),
        })?;
    if let Some(account) = accounts::account_by_email(&ctx.db, &parsed).await? {
        let now = now_ms();
        let last = accounts::last_password_reset_at(&ctx.db, account.id).await?;
        if last.is_none_or(|at| now - at >= RESEND_AFTER_MS) {
            let (token, token_hash) = crate::auth::new_session_token();
            let mail = crate::mail::password_reset(
                crate::i18n::request_locale(),
                &account.email,
                &account.display_name,
                &ctx.public_url,
                &token,
            );
            let expires = now + crate::mail::RESET_LINK_MINUTES * 60_000;
            let mut tx = ctx.db.begin().await?;
            accounts::create_password_reset(&mut tx, account.id, &token_hash, now, expires).await?;
            outbox::enqueue(&mut tx, &mail, now).await?;
            tx.commit().await?;
            ctx.outbox_wake.notify_one();
        }
    }
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}
