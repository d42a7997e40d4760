use leptos::prelude::*;

use crate::error::AppError;

/// What a listing's poster does to it besides editing: `submit` a draft or refused listing for
/// review, `renew` a published or expired one for another 90 days, `close_sold` or
/// `close_withdrawn` it. Only its poster or a member of its stall may, and not while an approved
/// auction of it runs or waits to start.
#[server(endpoint = "listing_action")]
pub async fn listing_action(id: i64, action: String) -> Result<(), AppError> {
    use crate::db::listings::{self, Transition};
    use crate::db::{audit, now_ms};
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    if !listings::can_manage(&ctx.db, id, user.id).await? {
        return Err(AppError::NotFound);
    }
    if listings::under_auction(&ctx.db, id).await? {
        return Err(super::under_auction("action", &[]));
    }
    let now = now_ms();
    let (from, to, extra): (&[&str], &str, Transition) = match action.as_str() {
        "submit" => (&["draft", "rejected"], "pending", Transition::default()),
        "renew" => (
            &["published", "expired"],
            "published",
            Transition {
                expires_at: Some(listings::expiry_for(None, now)),
                ..Transition::default()
            },
        ),
        "close_sold" => (
            &["published", "expired"],
            "closed",
            Transition {
                close_reason: Some("sold"),
                ..Transition::default()
            },
        ),
        "close_withdrawn" => (
            &["published", "expired", "pending", "draft", "rejected"],
            "closed",
            Transition {
                close_reason: Some("withdrawn"),
                ..Transition::default()
            },
        ),
        _ => {
            let errors = vec![FieldError::new("action", "invalid_choice")];
            return Err(AppError::Invalid(InvalidInput::new(errors, &[])));
        }
    };
    let mut tx = ctx.db.begin().await?;
    if !listings::transition(&mut tx, id, from, to, extra, now).await? {
        let errors = vec![FieldError::new("action", "not_allowed_now")];
        return Err(AppError::Invalid(InvalidInput::new(errors, &[])));
    }
    audit::record(
        &mut tx,
        Some(user.id),
        &format!("listing_{action}"),
        ("listing", id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/account/listings?done={action}&listing={id}"));
    Ok(())
}
