use leptos::prelude::*;

use crate::error::AppError;

/// Logs in with e-mail and password and goes to the home page. A wrong address and a wrong
/// password give the same answer, in about the same time.
#[server(endpoint = "log_in")]
pub async fn log_in(email: String, password: String) -> Result<(), AppError> {
    use std::sync::OnceLock;

    use crate::db::accounts;
    use crate::domain::{Email, Password};
    use crate::error::{FieldError, InvalidInput};

    let typed = [("email", email.as_str())];
    let wrong = || {
        AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("password", "wrong_credentials")],
            &typed,
        ))
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
    let found = accounts::find_login(&ctx.db, &parsed_email).await?;

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
        Some(user) if matches => {
            super::start_session(&ctx.db, user.id).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        _ => Err(wrong()),
    }
}
