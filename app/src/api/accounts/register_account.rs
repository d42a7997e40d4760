use leptos::prelude::*;

use crate::error::AppError;

/// Opens a member account, logs it in and goes to `next` (a path on this site, such as an
/// invitation's page) or the home page. Registrations are limited per client address. Every field is checked at once;
/// errors come back with what was typed (except the password) so the form can show both.
#[server(endpoint = "register_account")]
pub async fn register_account(
    email: String,
    display_name: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::db::accounts::{self, CreateUserError};
    use crate::domain::{Registration, RegistrationForm};
    use crate::error::{FieldError, InvalidInput};

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
    // argon2id is deliberately slow: keep it off the async workers.
    let password = registration.password.clone();
    let hash = tokio::task::spawn_blocking(move || crate::auth::hash_password(&password))
        .await
        .map_err(|_| AppError::Internal)?;
    let mut tx = ctx.db.begin().await?;
    let user_id = match accounts::create_user(
        &mut *tx,
        &registration.email,
        &registration.display_name,
        &hash,
        crate::db::now_ms(),
    )
    .await
    {
        Ok(id) => id,
        Err(CreateUserError::EmailTaken) => {
            let errors = vec![FieldError::new("email", "email_taken")];
            return Err(AppError::Invalid(InvalidInput::new(errors, &typed)));
        }
        Err(CreateUserError::Database(err)) => return Err(err.into()),
    };
    let locale = crate::i18n::request_locale();
    accounts::set_locale(&mut tx, user_id, locale).await?;
    let welcome = crate::mail::welcome(
        locale,
        registration.email.as_str(),
        registration.display_name.as_str(),
        &ctx.public_url,
    );
    crate::db::outbox::enqueue(&mut tx, &welcome, crate::db::now_ms()).await?;
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    super::start_session(&ctx.db, user_id).await?;
    leptos_axum::redirect(next.as_deref().unwrap_or("/"));
    Ok(())
}
