use leptos::prelude::*;

use crate::error::AppError;

/// Moves one of the member's introductions: `accept` or `decline` (with `reason`, one of
/// `domain::introductions::DECLINE_REASONS`) by the side asked; `met`, `deal`, `no_deal` by either
/// side once accepted. Then back to `/account/introductions`.
#[server(endpoint = "move_introduction")]
pub async fn move_introduction(
    id: i64,
    action: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::db::{introductions, notifications, now_ms, outbox};
    use crate::domain::introductions::DECLINE_REASONS;
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let refuse = |field: &str, code: &str| {
        AppError::Invalid(InvalidInput::new(vec![FieldError::new(field, code)], &[]))
    };
    let reason = reason.filter(|r| !r.trim().is_empty());
    if action == "decline"
        && !reason
            .as_deref()
            .is_some_and(|r| DECLINE_REASONS.contains(&r))
    {
        return Err(refuse("reason", "required"));
    }
    let moved =
        match introductions::advance(&ctx.db, user.id, id, &action, reason.as_deref(), now_ms())
            .await
        {
            Ok(Some(status)) => status,
            Ok(None) => return Err(refuse("action", "introduction_not_now")),
            Err(sqlx::Error::RowNotFound) => return Err(AppError::NotFound),
            Err(e) => return Err(e.into()),
        };
    if matches!(moved, "accepted" | "declined") {
        let asker: i64 = sqlx::query_scalar("SELECT from_user FROM introductions WHERE id = $1")
            .bind(id)
            .fetch_one(&ctx.db)
            .await?;
        let mut conn = ctx.db.acquire().await?;
        let (email, name, locale) = notifications::recipient(&mut conn, asker).await?;
        let mail = crate::mail::introduction_answered(
            locale,
            &email,
            &name,
            &ctx.public_url,
            &user.display_name,
            moved == "accepted",
        );
        outbox::enqueue(&mut conn, &mail, now_ms()).await?;
        ctx.outbox_wake.notify_one();
    }
    leptos_axum::redirect(&format!(
        "/account/introductions?done={moved}#introduction-{id}"
    ));
    Ok(())
}
