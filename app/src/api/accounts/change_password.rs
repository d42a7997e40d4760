use leptos::prelude::*;

use crate::error::AppError;

/// Changes the logged-in member's password after checking the current one, logs out their other
/// browsers and tells them by mail. Wrong current passwords count towards the same lock as wrong
/// logins.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use std::time::Duration;

    use crate::db::{accounts, now_ms, outbox, throttle};
    use crate::domain::{Email, Password};
    use crate::error::{FieldError, InvalidInput};

    let user = super::require_user()?;
    let mut errors = Vec::new();
    if current_password.is_empty() {
        errors.push(FieldError::new("current_password", "required"));
    }
    let new = Password::parse(&new_password)
        .map_err(|code| errors.push(FieldError::new("new_password", code)))
        .ok();
    if new.is_some() && new_password == current_password {
        errors.push(FieldError::new("new_password", "same_password"));
    }
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(InvalidInput::new(errors, &[])));
    };
    let ctx = crate::server_context::server_context()?;
    let account = accounts::account(&ctx.db, user.id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let email = Email::parse(&account.email).map_err(|_| AppError::Internal)?;
    let now = now_ms();
    let on_current = |code| InvalidInput::new(vec![FieldError::new("current_password", code)], &[]);
    if let Some(until) = throttle::login_blocked_until(&ctx.db, &email, now).await? {
        let wait = Duration::from_millis(u64::try_from(until - now).unwrap_or(0));
        return Err(AppError::TooManyRequests {
            retry_after_secs: crate::rate_limit::retry_secs(wait),
            input: on_current("too_many_attempts"),
        });
    }
    if !super::verify_password(current_password, account.password_hash).await? {
        let forget_before = ctx.limits.forget_failures_before(now);
        let failures = throttle::record_login_failure(&ctx.db, &email, now, forget_before).await?;
        if let Some(until) = ctx.limits.lock_until(failures, now) {
            throttle::block_login(&ctx.db, &email, until).await?;
        }
        return Err(AppError::Invalid(on_current("wrong_password")));
    }
    throttle::clear_login_failures(&ctx.db, &email).await?;
    let hash = super::hash_password(new).await?;
    let keep = crate::session::request_token_hash().unwrap_or_default();
    let mail = crate::mail::password_changed(
        crate::i18n::request_locale(),
        &account.email,
        &account.display_name,
        &ctx.public_url,
    );
    let mut tx = ctx.db.begin().await?;
    accounts::set_password_hash(&mut tx, user.id, &hash).await?;
    accounts::void_password_resets(&mut tx, user.id, now).await?;
    accounts::revoke_other_sessions(&mut tx, user.id, &keep, now).await?;
    outbox::enqueue(&mut tx, &mail, now).await?;
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    leptos_axum::redirect("/account?done=password_changed");
    Ok(())
}
