use leptos::prelude::*;

use crate::error::AppError;

/// Opens a member account, logs it in and goes to the home page. Registrations are limited per
/// client address. Every field is checked at once;
/// errors come back with what was typed (except the password) so the form can show both.
#[server(endpoint = "register_account")]
pub async fn register_account(
    email: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    use crate::db::accounts::{self, CreateUserError};
    use crate::domain::{Registration, RegistrationForm};
    use crate::error::{FieldError, InvalidInput};

    let form = RegistrationForm {
        email,
        display_name,
        password,
    };
    let typed = [
        ("email", form.email.as_str()),
        ("display_name", form.display_name.as_str()),
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
    let user_id = match accounts::create_user(
        &ctx.db,
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
    super::start_session(&ctx.db, user_id).await?;
    leptos_axum::redirect("/");
    Ok(())
}
