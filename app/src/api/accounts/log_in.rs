use leptos::prelude::*;

use crate::error::AppError;

/// Logs in with e-mail and password and goes to `next` (a path on this site) or the home page. A
/// wrong address and a wrong password give the same answer, in about the same time. Attempts are
/// limited per client address and, after a few wrong passwords in a row, per address with a lock
/// that doubles each time up to 15 minutes — except in a browser the member logged in from
/// before, which only its own wrong passwords lock (see [`crate::rate_limit`]).
#[server(endpoint = "log_in")]
pub async fn log_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use std::sync::OnceLock;
    use std::time::Duration;

    use crate::db::{accounts, now_ms, throttle};
    use crate::domain::{Email, Password};
    use crate::error::{FieldError, InvalidInput};
    use crate::rate_limit::{client_ip, retry_secs};

    let typed = [
        ("email", email.as_str()),
        ("next", next.as_deref().unwrap_or_default()),
    ];
    let on_password = |code| InvalidInput::new(vec![FieldError::new("password", code)], &typed);
    let too_many = |wait: Duration| AppError::TooManyRequests {
        retry_after_secs: retry_secs(wait),
        input: on_password("too_many_attempts"),
    };
    let mut errors = Vec::new();
    let parsed_email = Email::parse(&email)
        .map_err(|code| errors.push(FieldError::new("email", code)))
        .ok();
    if password.is_empty() {
        errors.push(FieldError::new("password", "required"));
    }
    let Some(parsed_email) = parsed_email.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(InvalidInput::new(errors, &typed)));
    };
    let ctx = crate::server_context::server_context()?;
    ctx.login_limiter.check(client_ip()).map_err(too_many)?;
    let now = now_ms();
    let found = accounts::find_login(&ctx.db, &parsed_email).await?;
    // A browser this account logged in from before is held by its own lock only; any other by
    // the address's (which strangers' wrong passwords set).
    let known = match (crate::session::request_device_hash(), &found) {
        (Some(hash), Some((user, _))) => throttle::known_device(&ctx.db, &hash)
            .await?
            .filter(|device| device.user_id == user.id)
            .map(|device| (hash, device.blocked_until)),
        _ => None,
    };
    let blocked_until = match &known {
        Some((_, until)) => Some(*until).filter(|until| *until > now),
        None => throttle::login_blocked_until(&ctx.db, &parsed_email, now).await?,
    };
    let known = known.map(|(hash, _)| hash);
    if let Some(until) = blocked_until {
        return Err(too_many(Duration::from_millis(
            u64::try_from(until - now).unwrap_or(0),
        )));
    }

    // Without an account, check against a throwaway hash so both paths cost the same.
    static NO_ACCOUNT_HASH: OnceLock<String> = OnceLock::new();
    let (user, stored_hash) = match found {
        Some((user, hash)) => (Some(user), hash),
        None => (
            None,
            NO_ACCOUNT_HASH
                .get_or_init(|| {
                    crate::auth::hash_password(&Password::parse("no account here").expect("valid"))
                })
                .clone(),
        ),
    };
    let matches =
        tokio::task::spawn_blocking(move || crate::auth::verify_password(&password, &stored_hash))
            .await
            .map_err(|_| AppError::Internal)?;
    match user {
        // The right password for an address not confirmed yet: a new link goes out (at most
        // one a minute), and the member is told to open it.
        Some(user) if matches && !accounts::email_confirmed(&ctx.db, user.id).await? => {
            let last = accounts::last_email_confirmation_at(&ctx.db, user.id).await?;
            if last.is_none_or(|at| now - at >= 60_000) {
                let (token, token_hash) = crate::auth::new_session_token();
                let expires = now + crate::mail::CONFIRM_LINK_HOURS * 3_600_000;
                let next = next
                    .as_deref()
                    .filter(|path| crate::domain::is_local_path(path));
                let mail = crate::mail::confirm_email(
                    crate::i18n::request_locale(),
                    &user.email,
                    &user.display_name,
                    &ctx.public_url,
                    &token,
                    next,
                );
                let mut tx = ctx.db.begin().await?;
                accounts::create_email_confirmation(&mut tx, user.id, &token_hash, now, expires)
                    .await?;
                crate::db::outbox::enqueue(&mut tx, &mail, now).await?;
                tx.commit().await?;
                ctx.outbox_wake.notify_one();
            }
            Err(AppError::Invalid(InvalidInput::new(
                vec![FieldError::new("email", "email_unconfirmed")],
                &typed,
            )))
        }
        Some(user) if matches => {
            super::start_session(&ctx.db, user.id).await?;
            // The browser is known from now on (again, with its failures forgotten); a login
            // from a known one leaves the address's count to whoever is guessing.
            let device_hash = match known {
                Some(hash) => hash,
                None => {
                    throttle::clear_login_failures(&ctx.db, &parsed_email).await?;
                    let (token, hash) = crate::auth::new_session_token();
                    crate::session::set_device_cookie(&token);
                    hash
                }
            };
            throttle::remember_device(&ctx.db, &device_hash, user.id, now).await?;
            let next = next
                .filter(|path| crate::domain::is_local_path(path))
                .unwrap_or_else(|| "/".to_owned());
            leptos_axum::redirect(&next);
            Ok(())
        }
        _ => {
            let forget_before = ctx.limits.forget_failures_before(now);
            let failures = match &known {
                Some(hash) => {
                    throttle::record_device_failure(&ctx.db, hash, now, forget_before).await?
                }
                None => {
                    throttle::record_login_failure(&ctx.db, &parsed_email, now, forget_before)
                        .await?
                }
            };
            if let Some(until) = ctx.limits.lock_until(failures, now) {
                match &known {
                    Some(hash) => throttle::block_device(&ctx.db, hash, until).await?,
                    None => throttle::block_login(&ctx.db, &parsed_email, until).await?,
                }
            }
            Err(AppError::Invalid(on_password("wrong_credentials")))
        }
    }
}
