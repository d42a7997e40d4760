use leptos::prelude::*;

use crate::error::AppError;

/// Confirms a new account's address with the link mailed at registration, logs it in, sends the
/// welcome mail and goes on to `next` (a path on this site) or the home page. A used, expired or
/// unknown link is refused. (The link's page only shows this form: opening it changes nothing.)
#[server(endpoint = "confirm_email")]
pub async fn confirm_email(token: String, next: Option<String>) -> Result<(), AppError> {
    use crate::db::{accounts, now_ms, outbox};
    use crate::error::{FieldError, InvalidInput};

    let ctx = crate::server_context::server_context()?;
    let now = now_ms();
    let token_hash = crate::auth::session_token_hash(token.trim());
    let mut tx = ctx.db.begin().await?;
    let Some(user_id) = accounts::consume_email_confirmation(&mut tx, &token_hash, now).await?
    else {
        return Err(AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("token", "confirm_link_invalid")],
            &[],
        )));
    };
    accounts::confirm_email(&mut tx, user_id, now).await?;
    if let Some(account) = accounts::account(&mut *tx, user_id).await? {
        let mail = crate::mail::welcome(
            crate::i18n::request_locale(),
            &account.email,
            &account.display_name,
            &ctx.public_url,
        );
        outbox::enqueue(&mut tx, &mail, now).await?;
    }
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    super::start_session(&ctx.db, user_id).await?;
    let next = next
        .filter(|path| crate::domain::is_local_path(path))
        .unwrap_or_else(|| "/".to_owned());
    leptos_axum::redirect(&next);
    Ok(())
}
