use leptos::prelude::*;

use crate::error::AppError;

/// Opens a member account and mails a link to confirm its address; the link logs it in and goes
/// on to `next` (a path on this site, such as an invitation's page). The answer is the same
/// whether or not the address already has an account, so the form tells a stranger nothing: an
/// existing account's owner gets a mail saying someone tried (at most one an hour); an account
/// never confirmed takes the new name and password, and a new link goes to its address.
/// Registrations are limited per client address. Every field is checked at once; errors come
/// back with what was typed (except the password) so the form can show both.
#[server(endpoint = "register_account")]
pub async fn register_account(
    email: String,
    display_name: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::db::accounts::{self, CreateUserError};
    use crate::db::{now_ms, outbox};
    use crate::domain::{Registration, RegistrationForm};
    use crate::error::InvalidInput;

    /// Shortest time between two "someone tried" mails to one account.
    const ATTEMPT_MAIL_EVERY_MS: i64 = 3_600_000;

    let form = RegistrationForm {
        email,
        display_name,
        password,
    };
    let next = next.filter(|path| crate::domain::is_local_path(path));
    let typed = [
        ("email", form.email.as_str()),
        ("display_name", form.display_name.as_str()),
        ("next", next.as_deref().unwrap_or_default()),
    ];
    let registration = Registration::try_from(&form)
        .map_err(|errors| AppError::Invalid(InvalidInput::new(errors, &typed)))?;
    let ctx = crate::server_context::server_context()?;
    if let Err(wait) = ctx.register_limiter.check(crate::rate_limit::client_ip()) {
        return Err(AppError::TooManyRequests {
            retry_after_secs: crate::rate_limit::retry_secs(wait),
            input: InvalidInput::new(Vec::new(), &typed),
        });
    }
    // Hashed whether or not the address is taken, so both answers take as long.
    let hash = super::hash_password(registration.password.clone()).await?;
    let locale = crate::i18n::request_locale();
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    let created = accounts::register_user(
        &mut *tx,
        &registration.email,
        &registration.display_name,
        &hash,
        now,
    )
    .await;
    let confirm = match created {
        Ok(user_id) => {
            accounts::set_locale(&mut tx, user_id, locale).await?;
            Some(user_id)
        }
        Err(CreateUserError::EmailTaken) => {
            // The insert failed in this transaction: read the account outside it.
            tx.rollback().await?;
            tx = ctx.db.begin().await?;
            let account = accounts::account_by_email(&ctx.db, &registration.email)
                .await?
                .ok_or(AppError::Internal)?;
            if accounts::email_confirmed(&ctx.db, account.id).await? {
                let recent = outbox::messages_to(&ctx.db, &account.email)
                    .await?
                    .iter()
                    .any(|m| {
                        m.kind == "registration_attempt"
                            && now - m.created_at < ATTEMPT_MAIL_EVERY_MS
                    });
                if !recent {
                    let mail = crate::mail::registration_attempt(
                        locale,
                        &account.email,
                        &account.display_name,
                        &ctx.public_url,
                    );
                    outbox::enqueue(&mut tx, &mail, now).await?;
                }
                None
            } else {
                accounts::replace_unconfirmed(
                    &mut tx,
                    account.id,
                    &registration.display_name,
                    &hash,
                )
                .await?;
                Some(account.id)
            }
        }
        Err(CreateUserError::Database(err)) => return Err(err.into()),
    };
    if let Some(user_id) = confirm {
        let (token, token_hash) = crate::auth::new_session_token();
        let expires = now + crate::mail::CONFIRM_LINK_HOURS * 3_600_000;
        accounts::create_email_confirmation(&mut tx, user_id, &token_hash, now, expires).await?;
        let mail = crate::mail::confirm_email(
            locale,
            registration.email.as_str(),
            registration.display_name.as_str(),
            &ctx.public_url,
            &token,
            next.as_deref(),
        );
        outbox::enqueue(&mut tx, &mail, now).await?;
    }
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    leptos_axum::redirect("/register?sent=1");
    Ok(())
}
