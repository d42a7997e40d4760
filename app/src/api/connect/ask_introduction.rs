use leptos::prelude::*;

use crate::error::AppError;

/// From match `match_id` of the member's own published listing `listing_id`, asks the match's
/// poster to be introduced, with `message`; then back to `next` (a path on this site) or
/// `/account/introductions`. Not to oneself, not twice for one pair, at most
/// `domain::introductions::PER_DAY` a day.
#[server(endpoint = "ask_introduction")]
pub async fn ask_introduction(
    listing_id: i64,
    match_id: i64,
    message: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::db::introductions::{self, AskError};
    use crate::db::{notifications, now_ms, outbox};
    use crate::domain::introductions::MESSAGE_CHARS;
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let typed = message.trim().to_owned();
    let match_text = match_id.to_string();
    // The match's id comes back with the error, so its own form shows it.
    let refuse = |field: &str, code: &str| {
        AppError::Invalid(InvalidInput::new(
            vec![FieldError::new(field, code)],
            &[("message", &typed), ("match_id", &match_text)],
        ))
    };
    if typed.chars().count() < 10 {
        return Err(refuse(
            "message",
            if typed.is_empty() {
                "required"
            } else {
                "too_short"
            },
        ));
    }
    if typed.chars().count() > MESSAGE_CHARS {
        return Err(refuse("message", "too_long"));
    }
    let (_, asked) =
        match introductions::ask(&ctx.db, user.id, listing_id, match_id, &typed, now_ms()).await {
            Ok(done) => done,
            Err(AskError::NotPublished) => {
                return Err(refuse("match_id", "introduction_not_published"));
            }
            Err(AskError::NotTheirs) => return Err(AppError::Forbidden),
            Err(AskError::Themselves) => return Err(refuse("match_id", "introduction_self")),
            Err(AskError::NoOne) => return Err(refuse("match_id", "introduction_no_one")),
            Err(AskError::AlreadyAsked) => return Err(refuse("match_id", "introduction_exists")),
            Err(AskError::TooMany) => return Err(refuse("message", "too_many_introductions")),
            Err(AskError::Db(e)) => return Err(e.into()),
        };
    let title: String = sqlx::query_scalar("SELECT title FROM listings WHERE id = $1")
        .bind(match_id)
        .fetch_one(&ctx.db)
        .await?;
    let mut conn = ctx.db.acquire().await?;
    let (email, name, locale) = notifications::recipient(&mut conn, asked).await?;
    let mail = crate::mail::introduction_asked(
        locale,
        &email,
        &name,
        &ctx.public_url,
        &user.display_name,
        (&title, &typed),
    );
    outbox::enqueue(&mut conn, &mail, now_ms()).await?;
    ctx.outbox_wake.notify_one();
    let next = next
        .filter(|path| crate::domain::is_local_path(path))
        .unwrap_or_else(|| "/account/introductions".to_owned());
    leptos_axum::redirect(&next);
    Ok(())
}
